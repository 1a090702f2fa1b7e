import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/database.ts';
import { type ExportThreadData, type ExportThreadMessage, writeExport } from './export-file.ts';
import { exportBounds } from './sources.ts';

// The thread of one export job, started by export-worker.ts (bundled by thread-code.ts). Its heap is its
// own and small (resourceLimits), so the garbage of a million rows is collected here, often, and the whole
// heap is freed when the job ends; its database connection is its own too, read-only, with a small cache.

async function main() {
  const { databaseUrl, job, file, bounds, stop } = workerData as ExportThreadData;
  Object.assign(exportBounds, bounds);
  const database = openDatabase(databaseUrl, { readOnly: true });
  try {
    await writeExport(
      database.db,
      job,
      file,
      () => Atomics.load(stop, 0) === 1,
      (message: ExportThreadMessage) => parentPort?.postMessage(message),
    );
  } finally {
    await database.close();
  }
}

// A failure is thrown out of the thread: the runner hears it as the thread's error.
main().catch((error: unknown) => {
  throw error;
});
