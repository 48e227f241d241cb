// `otq policy check [FILE...]`: validates policy files and prints every error as file:line:column: message.
import type { CliIo } from '../../core/cli-io.ts';
import { configPathFrom, loadConfig } from '../config/load-config.ts';
import { loadPolicies, shippedPolicyFiles } from '../../policies/load-policies.ts';

const usage = `usage: otq policy check [FILE...] [--config otq.yaml]
  Validates the given policy files, or the shipped ones plus those configured under policies.files.
  Exit 0 when valid, 2 when invalid.`;

/**
 * Runs `otq policy ...`. Structure, types, unknown keys and YAML syntax are checked here; tables, columns and row
 * filters are checked against the sources when otq starts (and on reload), since that needs the sources' descriptions.
 */
export async function policyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    io.out(usage);
    return 0;
  }
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
  if (files.length === 0) {
    const loaded = await loadConfig(configPathFrom(configFlag));
    files.push(...(loaded.config.policies.shipped ? await shippedPolicyFiles() : []), ...loaded.config.policies.files);
  }
  const result = await loadPolicies(files);
  if (!result.ok) {
    for (const error of result.errors) io.err(error);
    io.err(
      `${result.errors.length} error${result.errors.length === 1 ? '' : 's'} in ${files.length} policy file${files.length === 1 ? '' : 's'}; nothing was changed`,
    );
    return 2;
  }
  const roles = [...result.bundle.roles.keys()].join(', ');
  io.out(`valid: ${files.length} file${files.length === 1 ? '' : 's'}, roles ${roles || '(none)'}, bundle sha256 ${result.bundle.sha256}`);
  return 0;
}
