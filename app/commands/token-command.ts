// `otq token create --user U`: prints a new API token once, and the otq.yaml lines that register its hash.
import type { LoadedConfig } from '../config/load-config.ts';
import { parseCommandArgs } from '../../core/cli-args.ts';
import type { CliIo } from '../../core/cli-io.ts';
import { OtqError } from '../../core/errors.ts';
import { createApiToken } from '../../ui/auth/api-token.ts';

const USAGE = 'otq token create --user USER';

/** Returns the exit code: 0 on success; usage errors are thrown as USAGE (exit 2). */
// eslint-disable-next-line @typescript-eslint/require-await -- a CliCommand is async; this one has nothing to wait for
export async function tokenCommand(args: string[], io: CliIo, loaded: LoadedConfig): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { user: { type: 'string' } }, USAGE);
  if (positionals[0] !== 'create' || positionals.length !== 1)
    throw new OtqError('USAGE', `unknown token command "${positionals.join(' ')}"\nusage: ${USAGE}`);
  const user = values.user;
  if (!user) throw new OtqError('USAGE', `name the user the token acts as\nusage: ${USAGE}`);
  const configured = Object.keys(loaded.config.users);
  if (!configured.includes(user)) {
    throw new OtqError(
      'USAGE',
      `user "${user}" is not in otq.yaml users (configured: ${configured.join(', ') || 'none'}); add it with its roles first`,
    );
  }
  const { token, sha256 } = createApiToken();
  io.out(`${token}\n`);
  io.err(
    [
      `The token above acts as "${user}". It is shown only once: store it now (e.g. in a secret manager).`,
      `Add its hash to ${loaded.path ?? 'otq.yaml'} and restart otq serve:`,
      '',
      'server:',
      '  auth:',
      '    tokens:',
      `      - sha256: ${sha256}`,
      `        user: ${user}`,
      '',
      'Use it as: curl -H "Authorization: Bearer <token>" ...',
      '',
    ].join('\n'),
  );
  return 0;
}
