import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

// The code of an export's thread, as one script. The server's TypeScript runs through tsx (npm start) or
// vitest, and on Node 20 neither reaches a worker thread's modules; tsx's API called inside the thread
// works, but loads a module loader and a compiler of its own into every export's thread (+35 to 40 MB of
// the server's memory for each export, bench/README.md). So esbuild, tsx's own compiler, bundles the thread's modules once per process into a
// script the thread evaluates; packages stay outside, required by their absolute path. No file is written.

const requireHere = createRequire(import.meta.url);
let built: Promise<string> | null = null;

/** The script an export's thread runs, bundled at its first use in this process. */
export function exportThreadCode(): Promise<string> {
  built ??= bundle().catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}

async function bundle(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./export-thread.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    // Stack traces name the thread's script, not "[worker eval]".
    footer: { js: '//# sourceURL=export-thread.js' },
    plugins: [
      {
        name: 'packages-by-path',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, ({ path }) => ({
            path: path.startsWith('node:') ? path : requireHere.resolve(path),
            external: true,
          }));
        },
      },
    ],
  });
  // esbuild's compiler runs as a child process: not kept once the script is made.
  await esbuild.stop();
  return result.outputFiles[0]!.text;
}
