// Checkpoints leave the box as RFC 5424 syslog lines over UDP and TCP, only to allowlisted hosts.
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileAuditLog } from '../../audit/file-audit-log.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { CONTEXT, tempLogDir } from './helpers.ts';

const RFC5424 =
  /^<109>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S+ otq-audit \d+ checkpoint \[otq@32473 size="(\d+)" root="[0-9a-f]{64}" head="[0-9a-f]{64}" keyid="[0-9a-f]{8}"\] note=[A-Za-z0-9+/=]+$/;

describe('syslog forwarding of checkpoints', () => {
  it('sends each checkpoint as one RFC 5424 datagram over UDP; the received lines verify the log', async () => {
    const receiver = createSocket('udp4');
    const received: string[] = [];
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    receiver.on('message', (msg) => received.push(msg.toString('utf8')));
    const { port } = receiver.address();
    const dir = await tempLogDir();
    const log = await createFileAuditLog({
      dir,
      checkpointEvery: 2,
      syslog: { host: '127.0.0.1', port, protocol: 'udp' },
      egressAllowedHosts: ['127.0.0.1'],
    });
    for (let i = 0; i < 5; i++) await log.record('answer', CONTEXT, { i });
    await log.close();
    await expect.poll(() => received.length).toBe(3);
    receiver.close();
    // full checkpoints only (each batch's light head stays in the log): every 2 records and heads, and at close
    expect(received.map((line) => RFC5424.exec(line)?.[1])).toEqual(['3', '7', '10']);
    expect(log.stats()).toMatchObject({ syslogSent: 3, syslogFailures: 0 });
    const copy = join(dirname(dir), 'siem.log');
    await writeFile(copy, `${received.join('\n')}\n`);
    expect(await verifyAuditLog({ dir, checkpointFile: copy })).toMatchObject({ ok: true, checkpoints: 3 });
  });

  it('sends octet-counted frames over TCP (RFC 6587)', async () => {
    let data = '';
    const server = createServer((socket) => socket.on('data', (chunk) => (data += chunk.toString('utf8'))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = await tempLogDir();
    const log = await createFileAuditLog({
      dir,
      checkpointEvery: 3,
      syslog: { host: '127.0.0.1', port, protocol: 'tcp' },
      egressAllowedHosts: ['127.0.0.1'],
    });
    for (let i = 0; i < 4; i++) await log.record('answer', CONTEXT, { i });
    await log.close();
    await expect.poll(() => (data.match(/ <109>1 /g) ?? []).length).toBe(2);
    server.close();
    const frames: string[] = [];
    let rest = Buffer.from(data);
    while (rest.length > 0) {
      const space = rest.indexOf(0x20);
      const length = Number(rest.subarray(0, space).toString());
      frames.push(rest.subarray(space + 1, space + 1 + length).toString());
      rest = rest.subarray(space + 1 + length);
    }
    expect(frames.map((f) => RFC5424.exec(f)?.[1])).toEqual(['3', '7']);
  });

  it('refuses a syslog host that is not on the egress allowlist', async () => {
    const dir = await tempLogDir();
    const attempt = createFileAuditLog({
      dir,
      syslog: { host: 'siem.example.org', port: 514, protocol: 'udp' },
      egressAllowedHosts: ['127.0.0.1'],
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'EGRESS_REFUSED',
      message: expect.stringContaining('siem.example.org is not on the egress allowlist'),
    });
    await expect(createFileAuditLog({ dir, syslog: { host: '127.0.0.1', port: 514, protocol: 'tcp' } })).rejects.toMatchObject({
      code: 'EGRESS_REFUSED',
    });
  });

  it('keeps recording when the syslog receiver is down, and counts the failure', async () => {
    const dir = await tempLogDir();
    const warnings: string[] = [];
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const log = await createFileAuditLog({
      dir,
      checkpointEvery: 1,
      syslog: { host: '127.0.0.1', port, protocol: 'tcp' },
      egressAllowedHosts: ['127.0.0.1'],
      onWarning: (m) => warnings.push(m),
    });
    await log.record('answer', CONTEXT, {});
    await log.close();
    expect(log.stats().syslogFailures).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toMatch(/checkpoint 01\/1 not forwarded to syslog 127\.0\.0\.1/);
    expect((await verifyAuditLog({ dir })).ok).toBe(true);
  });
});
