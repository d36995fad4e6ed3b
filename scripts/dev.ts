// npm run dev [-- --port N]: the live preview. The same script runs the
// supervisor (restarts on code changes) and, in its child, the server.
import { CHILD_ENV } from '../src/dev/supervisor.ts';
import { devCommand, devServerCommand } from '../src/cli/dev.ts';
import { runCommand } from '../src/cli/run.ts';

await runCommand(process.env[CHILD_ENV] === '1' ? devServerCommand : devCommand);
