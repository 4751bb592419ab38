// The rollback watchdog: holds the revert of a change applied under
// auto-rollback and runs it at the deadline unless the change was kept. It runs
// as its own detached process (own session, no terminal), so the revert still
// happens when the TUI, the terminal or the SSH session that applied it dies.
import { errorText } from "../../core/errors.js";
import { spawnDetached } from "../exec/runner-detached.js";
import type { CommandRunner } from "../exec/runner-types.js";
import { watchdogLauncher } from "../exec/self-launch.js";
import type { Journal } from "./journal.js";
import { isHere, netnsText, type Place } from "./place.js";
import { journalEntries } from "./queries.js";
import { type RevertOutcome, revertChange } from "./revert.js";

interface WatchdogDeps {
  journal: Journal;
  runner: CommandRunner;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  pid: number;
  /** How often to look for a keep while waiting, so a kept change frees its watchdog early. */
  pollMs?: number;
  /** Where this watchdog runs: it reverts only a change made there (absent: any, as in tests). */
  here?: Place;
}

const SETTLED = new Set(["kept", "reverted", "failed", "revert-failed", "reverting"]);

/** Waits for the deadline, then reverts change `id` unless it was kept (or settled otherwise). */
export async function runWatchdog(deps: WatchdogDeps, id: string, atEpochMs: number): Promise<RevertOutcome> {
  const pollMs = deps.pollMs ?? 1000;
  for (;;) {
    const now = deps.clock();
    // No result yet is not settled: the watchdog starts before the change runs.
    const entry = journalEntries(deps.journal.read().records, now).find((e) => e.intent.id === id);
    if (!entry) return { status: "skipped", reason: `no change ${id} in the journal` };
    // Its revert would run in the wrong network: a watchdog is started where its change is made.
    if (deps.here && !isHere(entry.intent, deps.here))
      return {
        status: "skipped",
        reason: `change ${id} was made elsewhere (${entry.intent.host}, network namespace ${netnsText(entry.intent)}): not reverted here`,
      };
    if (SETTLED.has(entry.status)) return { status: "skipped", reason: `change ${id} is ${entry.status}` };
    if (now >= atEpochMs) break;
    await deps.sleep(Math.min(pollMs, atEpochMs - now));
  }
  return revertChange(deps, id, "watchdog");
}

/** argv of the watchdog process: the compiled watchdog-main.js, or the bundle's own `__watchdog` mode. */
export function watchdogArgv(
  journalPath: string,
  id: string,
  atEpochMs: number,
  nodePath: string = process.execPath,
  mainPath?: string,
): string[] {
  return [...watchdogLauncher(nodePath, mainPath), journalPath, id, String(Math.round(atEpochMs))];
}

interface SpawnerOptions {
  nodePath?: string;
  mainPath?: string;
  spawn?: (argv: readonly string[]) => number;
}

/** The `spawnWatchdog` the change runner needs, for a journal file: returns the watchdog's pid. */
export function detachedWatchdogSpawner(
  journalPath: string,
  opts: SpawnerOptions = {},
): (id: string, atEpochMs: number) => number {
  // No logFile: output piped through us would keep this process alive until the
  // deadline and tie the watchdog to us. watchdog-main writes its own log.
  const spawn = opts.spawn ?? ((argv: readonly string[]) => spawnDetached(argv));
  return (id, atEpochMs) => spawn(watchdogArgv(journalPath, id, atEpochMs, opts.nodePath, opts.mainPath));
}

/**
 * A watchdog inside this process, for the demo host and tests, where nothing real
 * is at stake if this process dies. Returns 0 for "no pid of its own".
 */
export function inProcessWatchdog(
  deps: Omit<WatchdogDeps, "sleep" | "pid">,
  onDone?: (id: string, outcome: RevertOutcome) => void,
): (id: string, atEpochMs: number) => number {
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return (id, atEpochMs) => {
    void runWatchdog({ ...deps, sleep, pid: 0 }, id, atEpochMs).then(
      (outcome) => onDone?.(id, outcome),
      (e: unknown) => onDone?.(id, { status: "failed", argv: [], error: errorText(e) }),
    );
    return 0;
  };
}
