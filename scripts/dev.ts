// npm run dev [-- STORY] [--port N]: the live preview. The same script runs
// the supervisor (restarts on code changes) and, in its child, the server.
import { CHILD_ENV } from '../src/dev/supervisor.ts';
import { devCommand, devServerCommand } from '../src/cli/dev.ts';
import { directLaunch } from '../src/cli/launch.ts';
import { runCommand } from '../src/cli/run.ts';

const launch = directLaunch(import.meta.url);
const command = process.env[CHILD_ENV] === '1' ? devServerCommand : devCommand;
await runCommand((argv, out) => command(argv, out, launch), launch.argv);
