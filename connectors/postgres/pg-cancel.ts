// Sends PostgreSQL's protocol CancelRequest for one backend: no login needed, works even when the pool is exhausted.
import { connect, type Socket } from 'node:net';

/** Where the backend runs and the key it gave us at start-up (BackendKeyData). */
export interface BackendKey {
  host: string;
  port: number;
  processId: number;
  secretKey: number;
}

/** Opens a socket, writes the 16-byte CancelRequest, waits for the server to close it (at most `waitMs`). */
export function cancelBackend(key: BackendKey, waitMs = 2000): Promise<void> {
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(80877102, 4);
  message.writeInt32BE(key.processId, 8);
  message.writeInt32BE(key.secretKey, 12);
  return new Promise((resolve) => {
    const socket: Socket = key.host.startsWith('/') ? connect(`${key.host}/.s.PGSQL.${key.port}`) : connect(key.port, key.host);
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    socket.once('connect', () => socket.write(message));
    socket.once('close', done);
    socket.once('error', done);
  });
}
