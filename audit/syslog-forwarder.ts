// Ships checkpoints off the box as RFC 5424 syslog lines (UDP datagrams, or TCP with RFC 6587 octet counting).
import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { OtqError } from '../core/errors.ts';
import type { Checkpoint } from './checkpoint-note.ts';

export interface SyslogTarget {
  host: string;
  port: number;
  protocol: 'udp' | 'tcp';
}

export interface SyslogForwarder {
  /** Sends one checkpoint; resolves when handed to the kernel, rejects on a network error. */
  send(checkpoint: Checkpoint): Promise<void>;
  close(): Promise<void>;
}

/** Facility 13 (log audit), severity 5 (notice). */
const PRI = 13 * 8 + 5;
/** Private enterprise number used in the structured-data id (example range of RFC 5424). */
const SD_ID = 'otq@32473';

/** One RFC 5424 line: `<109>1 TS HOST otq-audit PID checkpoint [otq@32473 size= root= head= keyid=] note=BASE64`. */
export function formatSyslogLine(checkpoint: Checkpoint, host = hostname(), pid = process.pid): string {
  const sd = `[${SD_ID} size="${checkpoint.size}" root="${checkpoint.root}" head="${checkpoint.head}" keyid="${checkpoint.keyId}"]`;
  return `<${PRI}>1 ${checkpoint.time} ${host.replace(/\s/g, '') || '-'} otq-audit ${pid} checkpoint ${sd} note=${Buffer.from(checkpoint.note).toString('base64')}`;
}

/** Refuses a target that is not on the egress allowlist (fail closed: an empty list allows nothing). */
export function checkSyslogEgress(target: SyslogTarget, egressAllowedHosts: readonly string[]): void {
  const allowed = egressAllowedHosts.map((h) => h.toLowerCase());
  if (!allowed.includes(target.host.toLowerCase())) {
    throw new OtqError(
      'EGRESS_REFUSED',
      `audit syslog host ${target.host} is not on the egress allowlist [${egressAllowedHosts.join(', ')}]; add it to the allowlist or remove audit.syslog`,
      {
        details: { host: target.host },
      },
    );
  }
}

/** Creates a forwarder after the allowlist check. TCP connects lazily and reconnects after errors. */
export function createSyslogForwarder(target: SyslogTarget, egressAllowedHosts: readonly string[]): SyslogForwarder {
  checkSyslogEgress(target, egressAllowedHosts);
  return target.protocol === 'udp' ? udpForwarder(target) : tcpForwarder(target);
}

function udpForwarder(target: SyslogTarget): SyslogForwarder {
  const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  socket.unref();
  return {
    send: (checkpoint) =>
      new Promise((resolve, reject) => {
        socket.send(Buffer.from(formatSyslogLine(checkpoint)), target.port, target.host, (error) => (error ? reject(error) : resolve()));
      }),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

function tcpForwarder(target: SyslogTarget): SyslogForwarder {
  let socket: Socket | null = null;
  let ready: Promise<Socket> | null = null;
  const open = (): Promise<Socket> => {
    if (ready) return ready;
    ready = new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: target.host, port: target.port });
      s.once('connect', () => {
        socket = s;
        s.unref();
        resolve(s);
      });
      s.on('error', (error) => {
        ready = null;
        socket = null;
        reject(error);
      });
      s.once('close', () => {
        ready = null;
        socket = null;
      });
    });
    return ready;
  };
  return {
    async send(checkpoint) {
      const s = await open();
      const line = Buffer.from(formatSyslogLine(checkpoint));
      const frame = Buffer.concat([Buffer.from(`${line.length} `), line]);
      await new Promise<void>((resolve, reject) => s.write(frame, (error) => (error ? reject(error) : resolve())));
    },
    async close() {
      const s = socket;
      if (!s) return;
      await new Promise<void>((resolve) => s.end(() => resolve()));
    },
  };
}
