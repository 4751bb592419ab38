// A hidden diagnostic for the end-to-end test that the screen runs React's
// production build (bin/dualhome.js sees to it): with DUALHOME_DIAG_FILE set,
// the live screen writes there every two seconds which react-reconciler build
// is loaded and how many performance measures (React's development-only tracks,
// which Node keeps in its user-timing buffer) have piled up, and how many frames
// FastOutput (components/ink-output.ts) has built in place of Ink's Output.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fastFrames } from "../components/ink-output.js";

export function startRenderModeReport(env: NodeJS.ProcessEnv = process.env): void {
  const file = env.DUALHOME_DIAG_FILE;
  if (!file) return;
  const cache = createRequire(import.meta.url).cache;
  const write = () => {
    // Only modules that ran: Node's ESM loader also lists, unrun, both branches of a re-export it pre-read.
    const reconciler = Object.keys(cache).filter(
      (k) => /react-reconciler[\\/]cjs[\\/]/.test(k) && cache[k]?.loaded === true,
    );
    const measures = performance.getEntriesByType("measure").length;
    writeFileSync(
      file,
      `${JSON.stringify({ nodeEnv: env.NODE_ENV ?? null, reconciler, measures, fastFrames: fastFrames() })}\n`,
    );
  };
  setInterval(write, 2000).unref();
}
