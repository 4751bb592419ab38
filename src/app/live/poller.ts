// Polls a Platform, one poll at a time: the next is scheduled only after the
// previous one finished (or was given up on), so a slow host is never asked
// twice at once. Every poll carries a sequence number; an answer that arrives
// after its poll was given up on is dropped.

import { type AnalyzeOptions, connectionKey, analyze as realAnalyze } from "../../core/analyze.js";
import { errorText } from "../../core/errors.js";
import type { ProbeTimeout } from "../../core/intent.js";
import type { Analysis, Snapshot } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import type { Platform } from "../../system/platform.js";
import { mergeParts } from "./merge-parts.js";
import type { Action, PartName } from "./state.js";

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Read the globals at call time so vi.useFakeTimers() can stand in for them.
const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface PollerOptions {
  platform: Pick<Platform, "collect" | "keepsProcessNames">;
  intervalMs: number;
  dispatch: (action: Action) => void;
  policy?: Policy | null;
  policySource?: string;
  /** Give up on a poll after this long and keep the last good data (default max(5 s, 3 intervals)). */
  timeoutMs?: number;
  /** Ask for process names on the first poll and every n-th after it (they are slow to get). */
  processNamesEvery?: number;
  timers?: Timers;
  now?: () => number;
  analyze?: (snapshot: Snapshot, opts: AnalyzeOptions) => Analysis;
  /** The probes that timed out so far, read at each analysis. */
  probeTimeouts?: () => readonly ProbeTimeout[];
}

export interface Poller {
  start(): void;
  stop(): void;
  pause(): void;
  resume(): void;
  /** Poll now; if a poll is running, right after it. Works while paused (one poll). */
  refresh(): void;
  /** As refresh(), and the answer is analysed even when the host answered as before:
   * what the analysis reads besides the host (a probe's evidence) changed. */
  reanalyze(): void;
  readonly paused: boolean;
  readonly polling: boolean;
}

type Outcome =
  | {
      analysis: Analysis;
      firstSeen: ReadonlyMap<string, number>;
      partErrors: Partial<Record<PartName, string>>;
    }
  | { error: string }
  | { same: true };

const PARTS = ["interfaces", "routes", "rules", "connections", "sysctls"] as const;

/**
 * The host answered exactly as last time: every part the same object (collectors
 * hand back the previous part when the command's output did not change) and
 * the same notes. Then there is nothing to merge, classify or draw.
 */
function unchanged(prev: Snapshot | null, next: Snapshot): boolean {
  if (!prev) return false;
  for (const name of PARTS) if (prev[name] !== next[name]) return false;
  const a = prev.notes ?? [];
  const b = next.notes ?? [];
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

export function createPoller(o: PollerOptions): Poller {
  const timers = o.timers ?? realTimers;
  const now = o.now ?? Date.now;
  const analyze = o.analyze ?? realAnalyze;
  const platformKeepsNames = o.platform.keepsProcessNames === true;
  const timeoutMs = o.timeoutMs ?? Math.max(5000, o.intervalMs * 3);
  const every = Math.max(1, o.processNamesEvery ?? 10);
  let seq = 0;
  let current: { seq: number; abort: AbortController; guard: unknown } | null = null;
  let next: unknown = null;
  let running = false;
  let paused = false;
  let refreshQueued = false;
  let lastGood: Snapshot | null = null;
  /** The platform's last answer as it came, before failed parts were filled in. */
  let lastRaw: Snapshot | null = null;
  let firstSeen: ReadonlyMap<string, number> = new Map();
  let mustAnalyze = false;

  function clearNext(): void {
    if (next !== null) timers.clearTimeout(next);
    next = null;
  }

  function schedule(ms: number): void {
    clearNext();
    if (!running || paused) return;
    next = timers.setTimeout(() => {
      next = null;
      void poll();
    }, ms);
  }

  function evaluate(snap: Snapshot): Outcome {
    if (!mustAnalyze && unchanged(lastRaw, snap)) return { same: true };
    mustAnalyze = false;
    lastRaw = snap;
    const merged = mergeParts(lastGood, snap, { platformKeepsNames });
    const t = now();
    const seen = new Map<string, number>();
    if (merged.snapshot.connections.ok)
      for (const c of merged.snapshot.connections.value) {
        const k = connectionKey(c);
        seen.set(k, firstSeen.get(k) ?? t);
      }
    const analysis = analyze(merged.snapshot, {
      policy: o.policy ?? null,
      policySource: o.policySource ?? "inferred",
      now: t,
      firstSeen: seen,
      ...(o.probeTimeouts ? { probeTimeouts: o.probeTimeouts() } : {}),
    });
    lastGood = merged.snapshot;
    firstSeen = seen;
    return { analysis, firstSeen: seen, partErrors: merged.partErrors };
  }

  function finish(my: number, outcome: Outcome): void {
    if (current?.seq !== my) return;
    timers.clearTimeout(current.guard);
    current = null;
    const t = now();
    if ("error" in outcome) {
      lastRaw = null;
      o.dispatch({ type: "poll-fail", seq: my, error: outcome.error, now: t });
    } else if ("same" in outcome) o.dispatch({ type: "poll-same", seq: my, now: t });
    else o.dispatch({ type: "poll-ok", seq: my, now: t, ...outcome });
    if (refreshQueued && running) {
      refreshQueued = false;
      void poll();
    } else schedule(o.intervalMs);
  }

  async function poll(): Promise<void> {
    if (!running) return;
    if (current) {
      refreshQueued = true;
      return;
    }
    clearNext();
    const my = ++seq;
    const abort = new AbortController();
    const guard = timers.setTimeout(() => {
      abort.abort();
      finish(my, {
        error: `the host did not answer within ${timeoutMs / 1000} s: showing the last good data`,
      });
    }, timeoutMs);
    // No poll-start action: nothing on screen shows that a poll is under way, and a
    // new state each second would draw the whole screen again for nothing.
    current = { seq: my, abort, guard };
    let outcome: Outcome;
    try {
      const snap = await o.platform.collect({ signal: abort.signal, processNames: (my - 1) % every === 0 });
      // Given up on already: do not let a late answer overwrite newer state.
      if (current?.seq !== my) return;
      outcome = evaluate(snap);
    } catch (e) {
      outcome = { error: `poll failed: ${errorText(e)}` };
    }
    finish(my, outcome);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void poll();
    },
    stop() {
      running = false;
      clearNext();
      if (current) {
        timers.clearTimeout(current.guard);
        current.abort.abort();
        current = null;
      }
    },
    pause() {
      if (paused) return;
      paused = true;
      clearNext();
      o.dispatch({ type: "set-paused", paused: true });
    },
    resume() {
      if (!paused) return;
      paused = false;
      o.dispatch({ type: "set-paused", paused: false });
      void poll();
    },
    refresh() {
      void poll();
    },
    reanalyze() {
      // A poll running now is the one analysed: it reads the evidence when it answers.
      mustAnalyze = true;
      void poll();
    },
    get paused() {
      return paused;
    },
    get polling() {
      return current !== null;
    },
  };
}
