// Types of bin/cli-build.mjs for the TypeScript callers (the bench).

/** The project root (where package.json lives). */
export const projectRoot: string;
/** The entry module of the current compiled CLI when no source changed since it was built, else null. */
export function freshBuild(): string | null;
/** Compiles the CLI into dist/cli and returns its entry module. */
export function buildCli(): Promise<string>;
/** The entry module as a path relative to the project root. */
export function describeBuild(entry: string): string;
