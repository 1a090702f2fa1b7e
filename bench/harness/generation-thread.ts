import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { AuditLogTable } from '../../src/db/schema.ts';
import { type CityRows, type CitySummary, generateCity } from './city.ts';
import { MatterGenerator, type MatterRows } from './matters.ts';
import { AuditChain } from './matters-writer.ts';

// The generated city is drawn in a thread of its own while the main thread writes it: on two cores the
// drawing (names, texts, histories, the audit chain's hashes) and the database's work run side by side.
// The thread runs a few chunks ahead of the writer, no more, so a slow database does not fill the memory.

/** One chunk of the city (the first: the city, districts and streets; then one community each). */
export type GeneratedChunk = { city: CityRows; matters: MatterRows; audit: AuditLogTable[] };
type Message = { chunk: GeneratedChunk } | { summary: CitySummary };
type Spec = { households: number; seed: number; matters: number };

const AHEAD = 4;

/** Every chunk of the city of `households` households from `seed`, in order; answers its summary. */
function* generatedCity({ households, seed, matters }: Spec): Generator<GeneratedChunk, CitySummary> {
  const city = generateCity(households, seed);
  const generator = new MatterGenerator(seed, matters, households);
  const audit = new AuditChain();
  for (let step = city.next(); ; step = city.next()) {
    if (step.done) return step.value;
    const rows = generator.next(step.value);
    yield { city: step.value, matters: rows, audit: audit.chain(rows.audit) };
  }
}

/** The same chunks, drawn in a worker thread. */
export async function* generatedInThread(spec: Spec): AsyncGenerator<GeneratedChunk, CitySummary> {
  // This file is the thread's entry too, loaded through tsx's API: Node 20 does not give a worker's entry
  // the loader of `--import tsx`.
  const entry = JSON.stringify(import.meta.url);
  const boot = `import { tsImport } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
await tsImport(${entry}, ${entry});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: { generationThread: spec },
    execArgv: [],
  });
  const arrived: Message[] = [];
  let failure: unknown = null;
  let wake = () => {};
  worker.on('message', (message: Message) => {
    arrived.push(message);
    wake();
  });
  worker.on('error', (error) => {
    failure = error;
    wake();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the generation thread stopped (exit code ${code})`);
    wake();
  });
  try {
    for (;;) {
      while (arrived.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const message = arrived.shift()!;
      if ('summary' in message) return message.summary;
      worker.postMessage('taken');
      yield message.chunk;
    }
  } finally {
    await worker.terminate();
  }
}

async function generateForWriter(port: NonNullable<typeof parentPort>, spec: Spec) {
  let credit = AHEAD;
  let wake = () => {};
  port.on('message', () => {
    credit += 1;
    wake();
  });
  const chunks = generatedCity(spec);
  for (let step = chunks.next(); ; step = chunks.next()) {
    if (step.done) return port.postMessage({ summary: step.value } satisfies Message);
    while (credit === 0)
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    credit -= 1;
    port.postMessage({ chunk: step.value } satisfies Message);
  }
}

const asked = (workerData as { generationThread?: Spec } | null)?.generationThread;
if (parentPort && asked) await generateForWriter(parentPort, asked);
