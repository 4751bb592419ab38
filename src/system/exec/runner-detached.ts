// Processes that must outlive us: lab agents, and the rollback watchdog that
// reverts a change even when the TUI, the terminal or the SSH session dies.
import { closeSync, openSync } from "node:fs";
import { execa } from "execa";

interface DetachedOptions {
  /** Where stdout and stderr go (appended); default: nowhere. */
  logFile?: string;
  env?: Record<string, string>;
}

/** Starts argv in its own session with no terminal and returns its pid. */
export function spawnDetached(argv: readonly string[], opts: DetachedOptions = {}): number {
  const [file, ...args] = argv;
  if (!file) throw new Error("spawnDetached: empty argv");
  // A file descriptor, not a pipe: a pipe would tie the child to us and keep us alive.
  const fd = opts.logFile ? openSync(opts.logFile, "a") : null;
  try {
    const child = execa(file, args, {
      detached: true,
      cleanup: false,
      stdin: "ignore",
      stdout: (fd ?? "ignore") as "ignore",
      stderr: (fd ?? "ignore") as "ignore",
      reject: false,
      ...(opts.env ? { env: opts.env } : {}),
    });
    child.catch(() => {});
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${file}`);
    return child.pid;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
