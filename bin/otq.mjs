#!/usr/bin/env node
// Entry point of the otq CLI: runs the compiled CLI (dist/cli, rebuilt when a source changed), else the TypeScript sources through tsx.
import { buildCli, freshBuild } from './cli-build.mjs';

async function loadMain() {
  if (process.env.OTQ_FROM_SOURCE !== '1') {
    try {
      const entry = freshBuild() ?? (await buildCli());
      return (await import(entry)).main;
    } catch {
      // No esbuild, a read-only checkout, or a failed build: the sources below give the same CLI, only slower to start.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../app/main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
