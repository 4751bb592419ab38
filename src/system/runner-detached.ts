// Processes that must outlive us: lab agents, and the rollback watchdog that
// reverts a change even when the TUI, the terminal or the SSH session dies.
import { execa } from "execa";

export interface DetachedOptions {
  /** Where stdout and stderr go; default: nowhere. */
  logFile?: string;
  env?: Record<string, string>;
}

/** Starts argv in its own session with no terminal and returns its pid. */
export function spawnDetached(argv: readonly string[], opts: DetachedOptions = {}): number {
  const [file, ...args] = argv;
  if (!file) throw new Error("spawnDetached: empty argv");
  const out = opts.logFile ? { file: opts.logFile, append: true } : "ignore";
  const child = execa(file, args, {
    detached: true,
    cleanup: false,
    stdin: "ignore",
    stdout: out as "ignore",
    stderr: out as "ignore",
    reject: false,
    ...(opts.env ? { env: opts.env } : {}),
  });
  child.catch(() => {});
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${file}`);
  return child.pid;
}
