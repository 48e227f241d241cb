// Entry of a parallel verifier thread: the compiled worker of the current CLI build when it is fresh, else the TypeScript one through tsx.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshBuild } from '../bin/cli-build.mjs';

const build = freshBuild();
const compiled = build && join(dirname(build), 'verify-worker.js');
if (compiled && existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./verify-worker.ts');
}
