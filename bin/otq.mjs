#!/usr/bin/env node
// Entry point of the otq CLI: runs the TypeScript sources through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/main.ts');
process.exitCode = await main(process.argv.slice(2));
