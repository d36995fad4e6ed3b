// npm run derive -- --articles DIR --out DIR
import { deriveCommand } from '../src/cli/derive.ts';
import { runCommand } from '../src/cli/run.ts';

await runCommand(deriveCommand);
