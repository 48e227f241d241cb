// Builds the runtime for one CLI command and resolves the acting principal (--user or the configured default).
import { OtqError } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { configPathFrom, loadConfig } from './config/load-config.ts';
import { createRuntime, type AppRuntime, type RuntimeOptions } from './create-runtime.ts';
import { markPhase } from '../core/phase-timing.ts';

export async function openCliRuntime(configFlag: string | undefined, options: RuntimeOptions = {}): Promise<AppRuntime> {
  markPhase('command loaded');
  const loaded = await loadConfig(configPathFrom(configFlag));
  markPhase('config loaded');
  return createRuntime(loaded, { log: (line) => process.stderr.write(`${line}\n`), ...options });
}

/** The principal for `--user U`, or the config's default user. Unknown users are a usage error. */
export function resolvePrincipal(runtime: AppRuntime, user: string | undefined): Principal {
  const id = user ?? runtime.config.defaultUser;
  const principal = runtime.principalFor(id);
  if (!principal) {
    throw new OtqError(
      'USAGE',
      `unknown user "${id}"; configured users: ${Object.keys(runtime.config.users).join(', ') || '(none)'} (add it under users: in otq.yaml)`,
    );
  }
  return principal;
}
