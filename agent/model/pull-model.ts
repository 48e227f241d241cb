// Downloads a GGUF with node-llama-cpp's resumable downloader (the only place outside the provider that loads it).
import { resolveModelFile } from 'node-llama-cpp';

/** Progress of a download, in bytes. */
export interface PullProgress {
  totalBytes: number;
  downloadedBytes: number;
}

/**
 * Resolves `uri` (hf:user/repo:quant, hf:user/repo/file.gguf or a URL) into `dir`, downloading or resuming as needed.
 * Returns the local path of the GGUF file.
 */
export async function pullModel(uri: string, dir: string, onProgress: (progress: PullProgress) => void): Promise<string> {
  return resolveModelFile(uri, {
    directory: dir,
    download: 'auto',
    cli: false,
    onProgress: ({ totalSize, downloadedSize }) => onProgress({ totalBytes: totalSize, downloadedBytes: downloadedSize }),
  });
}
