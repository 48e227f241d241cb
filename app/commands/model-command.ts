// `otq model pull [URI]`: downloads a GGUF into models/ with a progress bar (the download itself is agent/model/pull-model.ts).
import { join } from 'node:path';
import { pullModel } from '../../agent/model/pull-model.ts';
import type { CliIo } from '../../core/cli-io.ts';
import type { LoadedConfig } from '../config/load-config.ts';

const usage = 'usage: otq model pull [URI] [--dir DIR]   (URI like hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M; default: model.uri)';

/** Runs `otq model <sub>`; returns the exit code (0 ok, 2 usage, 1 download failed). */
export async function modelCommand(args: string[], io: CliIo, loaded: LoadedConfig): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'pull') {
    io.err(`${usage}\n`);
    return 2;
  }
  let dir = join(loaded.baseDir, 'models');
  let uri: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--dir') {
      const value = rest[++i];
      if (!value) {
        io.err(`--dir needs a directory\n${usage}\n`);
        return 2;
      }
      dir = value;
    } else if (arg.startsWith('-')) {
      io.err(`unknown option ${arg}\n${usage}\n`);
      return 2;
    } else uri = arg;
  }
  uri ??= loaded.config.model.uri;
  if (!uri) {
    io.err(`no model to pull: give a URI or set model.uri in otq.yaml\n${usage}\n`);
    return 2;
  }
  io.err(`pulling ${uri} into ${dir} (resumes a partial download)\n`);
  let lastPercent = -1;
  try {
    const path = await pullModel(uri, dir, ({ totalBytes, downloadedBytes }) => {
      const percent = totalBytes > 0 ? Math.floor((downloadedBytes / totalBytes) * 100) : 0;
      if (percent === lastPercent) return;
      lastPercent = percent;
      io.err(`\r${progressBar(percent)} ${percent}% of ${(totalBytes / 1e9).toFixed(2)} GB`);
    });
    if (lastPercent >= 0) io.err('\n');
    io.out(`${path}\nset model.path: ${path} (or keep model.uri: ${uri}) and model.provider: llama-cpp in otq.yaml\n`);
    return 0;
  } catch (error) {
    if (lastPercent >= 0) io.err('\n');
    io.err(
      `could not pull ${uri}: ${(error as Error).message}\n` +
        'otq model pull needs network access to the model host (huggingface.co). On an air-gapped machine, download the .gguf ' +
        `on another machine, copy it into ${dir} and set model.path in otq.yaml. Run the command again to resume a partial download.\n`,
    );
    return 1;
  }
}

function progressBar(percent: number, width = 30): string {
  const filled = Math.round((percent / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
