// How this program starts another copy of itself (the rollback watchdog). The tsc
// build has a file per entry point; a bundle or a single executable has one file,
// so there the watchdog is a hidden mode of the program: `<self> __watchdog …`.
import { fileURLToPath } from "node:url";

export const WATCHDOG_MODE = "__watchdog";

let bundledSelf: readonly string[] | undefined;

/** Called by the bundle's entry: argv that starts this program again (execPath, and the script if any). */
export function setBundledSelf(argv: readonly string[]): void {
  bundledSelf = [...argv];
}

/** True in the bundle and the single executables: one file, no compiled entry points beside it. */
export function isBundled(): boolean {
  return bundledSelf !== undefined;
}

/** The argv prefix that starts the watchdog; its own arguments follow. */
export function watchdogLauncher(
  nodePath: string = process.execPath,
  mainPath: string | undefined = undefined,
): string[] {
  if (mainPath !== undefined) return [nodePath, mainPath];
  if (bundledSelf) return [...bundledSelf, WATCHDOG_MODE];
  return [nodePath, fileURLToPath(new URL("../journal/watchdog-main.js", import.meta.url))];
}
