// npm run report
import { reportCommand } from '../src/cli/report.ts';
import { runCommand } from '../src/cli/run.ts';

await runCommand(reportCommand);
