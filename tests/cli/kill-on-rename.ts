// Preload (`node --import`) that kills the process with SIGKILL, as a power
// cut or `kill -9` would, when it is about to make its KILL_AT_RENAME-th
// rename (fs/promises): the moment of a derive's final swap of its files.
import type * as FsPromises from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const promises = require('node:fs/promises') as typeof FsPromises;
const at = Number(process.env['KILL_AT_RENAME'] ?? '0');
const rename = promises.rename;
let calls = 0;
promises.rename = (async (...args: Parameters<typeof rename>) => {
  if (++calls === at) process.kill(process.pid, 'SIGKILL');
  return rename(...args);
}) as typeof rename;
syncBuiltinESMExports();
