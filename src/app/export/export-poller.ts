// The exporter's poll loop: one poll at a time, the next one `everyMs` after the
// previous one (and what follows it, the textfile) finished, so a slow host is never
// asked twice at once and a textfile is never written by two polls. A part that
// fails keeps its last good value (mergeParts, as the live screen does) and its
// `up` goes to 0; a poll that throws or times out keeps every value.
import { setMaxListeners } from "node:events";
import { type AnalyzeOptions, connectionKey, analyze as realAnalyze } from "../../core/analyze.js";
import { errorText } from "../../core/errors.js";
import type { Analysis, Snapshot } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import type { Platform } from "../../system/platform.js";
import { mergeParts } from "../live/merge-parts.js";
import type { Timers } from "../live/poller.js";
import { PART_NAMES } from "../live/state.js";
import type { ExportMetrics } from "./export-metrics.js";

interface ExportPollerOptions {
  platform: Pick<Platform, "collect">;
  everyMs: number;
  metrics: Pick<ExportMetrics, "record" | "recordFailure">;
  policy?: Policy | null;
  policySource?: string;
  /** Give up on a poll after this long (default max(5 s, 3 periods)). */
  timeoutMs?: number;
  /** Runs after every poll, before the next is scheduled (the textfile); a throw is reported, not fatal. */
  afterPoll?: () => Promise<void> | void;
  /** One line for people, each time what is wrong changes (and when it is right again). */
  report?: (line: string) => void;
  timers?: Timers;
  now?: () => number;
  analyze?: (snapshot: Snapshot, opts: AnalyzeOptions) => Analysis;
}

interface ExportPoller {
  start(): void;
  stop(): void;
  /** One poll now (outside the loop: --once); true when the host answered. */
  pollOnce(): Promise<boolean>;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function partProblems(snap: Snapshot): string {
  return PART_NAMES.flatMap((p) => {
    const part = snap[p];
    return part.ok ? [] : [`${p}: ${part.error}`];
  }).join("; ");
}

export function createExportPoller(o: ExportPollerOptions): ExportPoller {
  const timers = o.timers ?? realTimers;
  const now = o.now ?? Date.now;
  const analyze = o.analyze ?? realAnalyze;
  const timeoutMs = o.timeoutMs ?? Math.max(5000, o.everyMs * 3);
  let lastGood: Snapshot | null = null;
  let firstSeen: ReadonlyMap<string, number> = new Map();
  let running = false;
  let next: unknown = null;
  let current: AbortController | null = null;
  // A daemon that says the same thing every period drowns its log: only changes are said.
  let problem = "";
  let afterProblem = "";

  function say(text: string): void {
    if (text === problem) return;
    if (text) o.report?.(`dualhome: ${text}`);
    else o.report?.("dualhome: the host answers again: every part read");
    problem = text;
  }

  function record(snap: Snapshot, startedAt: number): void {
    const merged = mergeParts(lastGood, snap, { platformKeepsNames: true });
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
    });
    lastGood = merged.snapshot;
    firstSeen = seen;
    o.metrics.record({ raw: snap, analysis, startedAt, finishedAt: now() });
    const failing = partProblems(snap);
    say(failing ? `parts not read (last values kept): ${failing}` : "");
  }

  async function pollOnce(): Promise<boolean> {
    const abort = new AbortController();
    // A one-shot collector runs a dozen commands on this one signal: not a leak.
    setMaxListeners(64, abort.signal);
    current = abort;
    const startedAt = now();
    let guard: unknown = null;
    const timedOut = new Promise<null>((resolve) => {
      guard = timers.setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      const snap = await Promise.race([
        o.platform.collect({ signal: abort.signal, processNames: false }),
        timedOut,
      ]);
      if (snap === null) {
        abort.abort();
        o.metrics.recordFailure();
        say(`the host did not answer within ${timeoutMs / 1000} s: every value kept`);
        return false;
      }
      record(snap, startedAt);
      return true;
    } catch (e) {
      o.metrics.recordFailure();
      say(`poll failed: ${errorText(e)}: every value kept`);
      return false;
    } finally {
      timers.clearTimeout(guard);
      if (current === abort) current = null;
    }
  }

  async function cycle(): Promise<void> {
    if (!running) return;
    await pollOnce();
    if (!running) return;
    try {
      await o.afterPoll?.();
      if (afterProblem) o.report?.("dualhome: written again");
      afterProblem = "";
    } catch (e) {
      const text = errorText(e);
      if (text !== afterProblem) o.report?.(`dualhome: ${text}`);
      afterProblem = text;
    }
    if (!running) return;
    next = timers.setTimeout(() => {
      next = null;
      void cycle();
    }, o.everyMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void cycle();
    },
    stop() {
      running = false;
      if (next !== null) timers.clearTimeout(next);
      next = null;
      current?.abort();
    },
    pollOnce,
  };
}
