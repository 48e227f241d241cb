// The CLI's io over the process streams: a reader that went away (`otq catalog | head`) ends output quietly, not with an EPIPE trace.
import type { CliIo } from '../core/cli-io.ts';

/**
 * Writes lines to stdout/stderr. When the reading end of a pipe closes, further output is dropped (the command still
 * finishes, so its audit records are complete) instead of crashing with an unhandled EPIPE error.
 */
export function createProcessIo(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
  stdin: NodeJS.ReadStream = process.stdin,
): CliIo {
  const writer = (stream: NodeJS.WriteStream) => {
    let closed = false;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
      else throw error;
    });
    return (text: string) => {
      if (closed || stream.destroyed) return;
      stream.write(text.endsWith('\n') ? text : `${text}\n`);
    };
  };
  return {
    out: writer(stdout),
    err: writer(stderr),
    async readStdin() {
      if (stdin.isTTY) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
