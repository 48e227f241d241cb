// `otq policy check [FILE...]`: validates policy files exactly as start-up does and prints every error as file:line:column: message.
import type { CliIo } from '../../core/cli-io.ts';
import { configPathFrom, loadConfig } from '../config/load-config.ts';
import { loadPolicies, shippedPolicyFiles } from '../../policies/load-policies.ts';
import { loadCheckedPolicies } from '../../policies/validate-policies.ts';
import { openSources, prepareSamples } from '../open-sources.ts';
import { commandHelp } from '../command-help.ts';

const usage = commandHelp['policy']!;

/**
 * Runs `otq policy ...`. The files are checked by the same function start-up and reloads use: structure, types,
 * unknown keys and YAML syntax, then tables, columns and row filters against the configured sources. A file that
 * passes here is one start-up accepts; one start-up refuses fails here with the same messages.
 */
export async function policyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') {
    io.err(`${sub === undefined ? 'missing sub-command' : `unknown sub-command "${sub}"`}\n${usage}`);
    return 2;
  }
  let configFlag: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--config') {
      configFlag = rest[++i];
      if (configFlag === undefined) {
        io.err(`--config needs a path\n${usage}`);
        return 2;
      }
    } else if (arg.startsWith('--config=')) configFlag = arg.slice('--config='.length);
    else if (arg.startsWith('-')) {
      io.err(`unknown option ${arg}\n${usage}`);
      return 2;
    } else files.push(arg);
  }
  const loaded = await loadConfig(configPathFrom(configFlag));
  if (files.length === 0)
    files.push(...(loaded.config.policies.shipped ? await shippedPolicyFiles() : []), ...loaded.config.policies.files);
  // Structure first: a file that does not parse needs no source opened to say so.
  const report = (errors: string[]) => {
    for (const error of errors) io.err(error);
    io.err(
      `${errors.length} error${errors.length === 1 ? '' : 's'} in ${files.length} policy file${files.length === 1 ? '' : 's'}; otq would refuse to start with ${files.length === 1 ? 'it' : 'them'}`,
    );
    return 2;
  };
  const structure = await loadPolicies(files);
  if (!structure.ok) return report(structure.errors);
  await prepareSamples(loaded.config.samples, (line) => io.err(line));
  const sources = await openSources(loaded.config.sources, undefined, { skipTagTypes: true });
  try {
    const result = await loadCheckedPolicies(files, sources.descriptions, sources.parsers);
    if (!result.ok) return report(result.errors);
    for (const warning of result.warnings) io.err(`warning: ${warning}`);
    const configured = new Set(sources.descriptions.map((d) => d.name));
    for (const [role, policy] of result.bundle.roles)
      for (const source of Object.keys(policy.sources))
        if (!configured.has(source))
          io.err(
            `warning: role ${role} grants source ${source}, which is not configured; it grants nothing (sources: ${[...configured].join(', ')})`,
          );
    const roles = [...result.bundle.roles.keys()].join(', ');
    io.out(
      `valid: ${files.length} file${files.length === 1 ? '' : 's'}, roles ${roles || '(none)'}, bundle sha256 ${result.bundle.sha256}`,
    );
    return 0;
  } finally {
    await sources.close();
  }
}
