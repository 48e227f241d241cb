// Worker thread of the parallel verifier: verifies the parts (segments) it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { verifyPart, type PartTask } from './verify-parallel.ts';

parentPort?.on('message', (task: PartTask) => {
  verifyPart(task).then(
    (part) => parentPort?.postMessage({ part }),
    (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
