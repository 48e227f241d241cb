// Secrets never enter the evidence log: secret-named keys, DSN passwords, bearer tokens.
import { describe, expect, it } from 'vitest';
import { isSecretKey, maskSecretText, maskSecrets } from '../../audit/mask-secrets.ts';

describe('maskSecrets', () => {
  it('masks values of secret-named keys at any depth, and keeps counters like promptTokens', () => {
    const masked = maskSecrets({
      password: 'hunter2',
      source: {
        dbPassword: 'pw',
        api_key: 'k',
        'X-Api-Key': 'k2',
        botToken: 't',
        clientSecret: 's',
        authorization: 'Bearer abc',
        user: 'bob',
      },
      list: [{ accessToken: 'a' }, { refresh_token: null }],
      promptTokens: 120,
      completionTokens: 40,
      tokenCount: 3,
      resultSha256: 'ab',
    });
    expect(masked).toEqual({
      password: '***',
      source: {
        dbPassword: '***',
        api_key: '***',
        'X-Api-Key': '***',
        botToken: '***',
        clientSecret: '***',
        authorization: '***',
        user: 'bob',
      },
      list: [{ accessToken: '***' }, { refresh_token: null }],
      promptTokens: 120,
      completionTokens: 40,
      tokenCount: 3,
      resultSha256: 'ab',
    });
  });

  it('masks passwords inside URLs and DSN strings, keeping the user and host', () => {
    expect(maskSecretText('postgres://u:pw@h')).toBe('postgres://u:***@h');
    expect(maskSecretText('connect postgresql://reader:s3cr%40t@db.plant:5432/ot?sslmode=require failed')).toBe(
      'connect postgresql://reader:***@db.plant:5432/ot?sslmode=require failed',
    );
    expect(maskSecretText('host=db user=r password=hunter2 dbname=ot')).toBe('host=db user=r password=*** dbname=ot');
    expect(maskSecretText('https://x/hook?token=abc123&x=1')).toBe('https://x/hook?token=***&x=1');
    expect(maskSecretText('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y')).toBe('Authorization: Bearer ***');
    expect(maskSecretText('the bearer of bad news; basic average of pump 3')).toBe('the bearer of bad news; basic average of pump 3');
    expect(maskSecretText('http://host:8080/path')).toBe('http://host:8080/path');
    expect(maskSecrets({ args: { dsn: 'postgres://u:pw@h/db' } })).toEqual({ args: { dsn: 'postgres://u:***@h/db' } });
  });

  it('recognises secret key names by suffix only', () => {
    expect(
      ['password', 'PASSWORD', 'db_password', 'apiKey', 'x-api-key', 'secret', 'webhookSecret', 'cookie', 'privateKey'].every(isSecretKey),
    ).toBe(true);
    expect(['tokens', 'promptTokens', 'tokenizer', 'keyId', 'passwordPolicy', 'user'].some(isSecretKey)).toBe(false);
  });
});
