// Entry point of the bundle that `npm run package` builds (run by node, or embedded
// in a single executable). The bundle is CommonJS, which has no top-level await, so
// the layout engine's WebAssembly is awaited here, before anything renders: `ready`
// is the promise the package script's yoga-layout replacement exports.
import path from "node:path";
import { isSea } from "node:sea";
import { main } from "./cli-main.js";
import { setBundledSelf, WATCHDOG_MODE } from "./system/exec/self-launch.js";
import { watchdogMain } from "./system/journal/watchdog-run.js";

export async function runBundled(ready: Promise<unknown>, argv: string[] = process.argv): Promise<void> {
  // A single executable's argv[1] is the executable again; a bundle's is the script.
  const self = isSea() ? [process.execPath] : [process.execPath, argv[1] ?? ""];
  setBundledSelf(self);
  // Hints such as "run `sudo dualhome undo`" name the file the admin has, not a command it lacks.
  if (isSea() && !process.env.DUALHOME_SELF) process.env.DUALHOME_SELF = path.basename(process.execPath);
  if (argv[2] === WATCHDOG_MODE) {
    process.exitCode = await watchdogMain(argv.slice(3));
    return;
  }
  await ready;
  await main();
}
