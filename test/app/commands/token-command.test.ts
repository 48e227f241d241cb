// `otq token create --user U`: prints the token once on stdout and the YAML with its hash on stderr.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tokenCommand } from '../../../app/commands/token-command.ts';
import { hashApiToken } from '../../../ui/auth/api-token.ts';
import { createFakeRuntime } from '../../ui/fake-runtime.ts';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
};

describe('otq token create', () => {
  it('prints a new token and the config snippet with its sha256', async () => {
    const { io, out, err } = capture();
    expect(await tokenCommand(['create', '--user', 'auditor'], io, createFakeRuntime().loaded)).toBe(0);
    const token = out.join('').trim();
    expect(token).toMatch(/^otq_/);
    const yaml = err.join('').split('\n\n')[1]!;
    expect(parse(yaml)).toEqual({ server: { auth: { tokens: [{ sha256: hashApiToken(token), user: 'auditor' }] } } });
    expect(err.join('')).not.toContain(token);
  });

  it.each([
    [['create'], /name the user/],
    [['create', '--user', 'mallory'], /user "mallory" is not in otq.yaml users \(configured: engineer, auditor, supervisor\)/],
    [['delete', '--user', 'engineer'], /usage: otq token create --user USER/],
    [['create', '--user', 'engineer', '--role', 'x'], /Unknown option '--role'/],
  ])('refuses %j with a usage error', async (args, message) => {
    const { io } = capture();
    await expect(tokenCommand(args, io, createFakeRuntime().loaded)).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(message),
    });
  });
});
