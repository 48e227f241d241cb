// The CLI's compiled form: app/main.ts (and the audit verifier's thread entry) bundled by esbuild into dist/cli/ (one chunk per lazily imported command), rebuilt when a source changed.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project root (this file lives in bin/). */
export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const distDir = join(projectRoot, 'dist', 'cli');
const currentFile = join(distDir, 'current.json');
/** Builds kept besides the current one: a running `otq serve` may still import chunks of the build it started from. */
const KEEP_BUILDS = 3;
/**
 * Pure-JavaScript packages bundled into the CLI instead of imported from node_modules: every CLI call loads them, and
 * as packages they cost one resolution, read and compile per file (zod ~95 files, chrono-node ~50, @duckdb/node-api
 * ~120 CommonJS files that Node's ESM loader also lexes for their exports) — ~250 ms of a 2-core `otq ask`. Bundled
 * they are a few chunks. Everything else stays external: native and WebAssembly packages (@duckdb/node-bindings,
 * node-llama-cpp, libpg-query), and what only some commands load (langchain, hono, pg).
 */
const BUNDLED_PACKAGES = ['zod', 'chrono-node', 'yaml', '@duckdb/node-api'];

/**
 * The entry module of the current build when every source it was built from is unchanged (same size and mtime), else
 * null. Costs one stat per source file (~200), a few milliseconds.
 */
export function freshBuild() {
  let current;
  try {
    current = JSON.parse(readFileSync(currentFile, 'utf8'));
  } catch {
    return null;
  }
  if (!current || typeof current.dir !== 'string' || typeof current.inputs !== 'object') return null;
  for (const [file, [mtimeMs, size]] of Object.entries(current.inputs)) {
    try {
      const stat = statSync(join(projectRoot, file));
      if (stat.mtimeMs !== mtimeMs || stat.size !== size) return null;
    } catch {
      return null;
    }
  }
  return join(distDir, current.dir, 'main.js');
}

/**
 * Bundles app/main.ts with esbuild (packages stay external, imported from node_modules) into a new folder and makes it
 * current. `import.meta.url` keeps meaning the source file, so paths such as ui/static and the shipped policies still
 * resolve. Safe when several processes build at once: each writes its own folder and the pointer is replaced atomically.
 * Returns the entry module.
 */
export async function buildCli() {
  const esbuild = await import('esbuild');
  const started = Date.now();
  mkdirSync(distDir, { recursive: true });
  const scratch = join(distDir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  const sourceUrl = {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => ({
        contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      }));
    },
  };
  // zod's namespace carries the error messages of ~50 languages (360 kB, half of zod); otq speaks English only.
  const zodEnglishOnly = {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
        /node_modules\/zod\/v4\//.test(args.importer) ? { path: args.importer, namespace: 'zod-locales' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), '..', 'locales', 'en.js'))};`,
        resolveDir: dirname(args.path),
      }));
    },
  };
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {}), '@duckdb/node-bindings']
    .filter((name) => !BUNDLED_PACKAGES.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
  const result = await esbuild.build({
    absWorkingDir: projectRoot,
    // The parallel audit verifier's thread entry is built beside main.js, so its threads start without a TypeScript loader.
    entryPoints: { main: 'app/main.ts', 'verify-worker': 'audit/verify-worker.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // A bundled CommonJS package's require() of an external one (@duckdb/node-api -> @duckdb/node-bindings) needs a require.
    banner: {
      js: "import { createRequire as __otqCreateRequire } from 'node:module'; const require = __otqCreateRequire(import.meta.url);",
    },
    outdir: scratch,
    metafile: true,
    plugins: [sourceUrl, zodEnglishOnly],
    logLevel: 'silent',
    legalComments: 'none',
  });
  const inputs = {};
  let changedDuringBuild = false;
  // A bundled package counts as one input, its package.json (an `npm install` of another version rewrites it): the
  // freshness check then stats ~250 files, not ~650. This script is an input too: other build options, another build.
  const files = new Set([relative(projectRoot, fileURLToPath(import.meta.url))]);
  for (const file of Object.keys(result.metafile.inputs)) {
    if (file.startsWith('zod-locales:')) continue; // generated above, from zod's own files
    const bundled = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
    files.add(bundled ? `${bundled[1]}/package.json` : file);
  }
  for (const file of [...files].sort()) {
    const stat = statSync(join(projectRoot, file));
    if (stat.mtimeMs >= started) changedDuringBuild = true;
    inputs[file] = [stat.mtimeMs, stat.size];
  }
  const id = createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
  const final = join(distDir, id);
  try {
    renameSync(scratch, final);
  } catch {
    // Another process built the same sources first: use its folder.
    rmSync(scratch, { recursive: true, force: true });
  }
  // A source edited while esbuild read it may be in the bundle in either version: use the build once, do not record it.
  if (!changedDuringBuild) {
    const pointer = `${currentFile}.${process.pid}-${randomBytes(4).toString('hex')}`;
    writeFileSync(pointer, JSON.stringify({ dir: id, builtAt: new Date().toISOString(), inputs }));
    renameSync(pointer, currentFile);
    pruneOldBuilds(id);
  }
  return join(final, 'main.js');
}

function pruneOldBuilds(keep) {
  const builds = readdirSync(distDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[0-9a-f]{16}$/.test(entry.name) && entry.name !== keep)
    .map((entry) => ({ name: entry.name, mtimeMs: statSync(join(distDir, entry.name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of builds.slice(KEEP_BUILDS)) rmSync(join(distDir, old.name), { recursive: true, force: true });
}

/** The build as a path relative to the project root, for messages. */
export function describeBuild(entry) {
  return relative(projectRoot, entry);
}

// `node bin/cli-build.mjs` (npm's prepare step): build now, so the first `otq` call is already fast. Never fails the install.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(`otq: CLI compiled to ${describeBuild(await buildCli())}`);
  } catch (error) {
    console.warn(`otq: could not compile the CLI (${error.message}); it will run from the TypeScript sources`);
  }
}
