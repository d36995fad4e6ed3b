// npm run check: validate articles, datasets, gazetteer, review and narrative; write nothing.
import { checkCommand } from '../src/cli/check.ts';
import { runCommand } from '../src/cli/run.ts';

await runCommand(checkCommand);
