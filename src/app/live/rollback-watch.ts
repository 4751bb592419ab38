// After an apply under auto-rollback: the countdown on screen, `c`, and the
// journal followed until the change is kept or reverted. The revert itself is
// the watchdog's (detached on a real host), so this only reads and reports.
import { clockText } from "../../core/time-text.js";
import { describeIntent } from "../../system/journal/describe.js";
import type { ChangeRunner } from "../change/runner.js";
import type { Store } from "../store.js";
import type { ChangeOutcome, PendingRollback } from "./change-state.js";
import type { Poller, Timers } from "./poller.js";
import type { Action, AppState } from "./state.js";

interface RollbackWatchOptions {
  store: Store<AppState, Action>;
  poller: Pick<Poller, "refresh">;
  changes: Pick<ChangeRunner, "entry" | "keep" | "status">;
  timers?: Timers;
  now?: () => number;
  /** How often the countdown redraws and the journal is read (default 500 ms). */
  tickMs?: number;
  /**
   * How often to look in the journal for a change another dualhome (the CLI in
   * another terminal) started here and that now counts down; absent: only at start.
   */
  discoverMs?: number;
}

interface RollbackWatch {
  /** Reads the journal: interrupted changes, and rollbacks still counting down from an earlier run. */
  start(): void;
  stop(): void;
  /** Says what came of a change; a new rollback starts counting down, settled ones stop. */
  settle(outcome: ChangeOutcome | null, settled: string[], rollback?: PendingRollback): void;
  keep(): void;
  /** One tick: what became of each pending rollback. */
  check(): void;
}

/** How long past its deadline a rollback may take before the screen says its watchdog is gone. */
const OVERDUE_GRACE_MS = 15_000;

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const time = clockText;

export function createRollbackWatch(o: RollbackWatchOptions): RollbackWatch {
  const { store, changes } = o;
  const timers = o.timers ?? realTimers;
  const now = o.now ?? Date.now;
  const tickMs = o.tickMs ?? 500;
  let ticker: unknown = null;
  let discoverer: unknown = null;
  let stopped = false;
  const pending = () => store.getState().change.rollbacks;

  function tick(): void {
    ticker = null;
    check();
    if (pending().length > 0) ensureTicking();
  }

  function ensureTicking(): void {
    if (ticker === null && !stopped) ticker = timers.setTimeout(tick, tickMs);
  }

  function settle(outcome: ChangeOutcome | null, settled: string[], rollback?: PendingRollback): void {
    const t = now();
    store.dispatch({ type: "change-outcome", outcome, settled, now: t, ...(rollback ? { rollback } : {}) });
    // The screen catches up at once rather than at the next interval.
    o.poller.refresh();
    if (rollback) ensureTicking();
  }

  function check(): void {
    const t = now();
    store.dispatch({ type: "change-tick", now: t });
    const settled: string[] = [];
    const lines: string[] = [];
    let ok = true;
    for (const r of pending()) {
      const e = changes.entry(r.id);
      const status = e?.status ?? "gone";
      if (status === "rollback-pending" || status === "reverting") continue;
      if (status === "rollback-overdue" && t - r.rollbackAt < OVERDUE_GRACE_MS) continue;
      settled.push(r.id);
      if (status === "reverted")
        lines.push(`${r.what} was ${(e?.detail ?? "reverted").replace(/ at .*$/, "")}: it is undone`);
      else if (status === "kept") lines.push(`kept: ${r.what} stays`);
      else if (status === "rollback-overdue" || status === "revert-failed") {
        ok = false;
        const why = status === "revert-failed" ? (e?.detail ?? "") : "its watchdog is gone";
        lines.push(`${r.what} was not reverted (${why}): it is still applied; u undoes it`);
      }
    }
    if (settled.length > 0) settle(lines.length > 0 ? { ok, lines } : null, settled);
  }

  /** Another process's change counting down joins the countdown, so `c` and the banner cover it too. */
  function discover(): void {
    discoverer = null;
    if (stopped) return;
    // While this screen applies, its own new change is in the journal before it is on screen.
    if (store.getState().change.busy === null) {
      const known = new Set(pending().map((r) => r.id));
      const fresh = changes
        .status()
        .pending.filter((i) => !known.has(i.id))
        .map((i) => ({ id: i.id, what: describeIntent(i), rollbackAt: i.rollbackAt ?? 0 }));
      if (fresh.length > 0) {
        const what = fresh.map((r) => `${r.what} (${r.id})`).join(", ");
        const text = `started elsewhere and counting down: ${what}; c keeps it, or it reverts by itself`;
        store.dispatch({ type: "change-notice", text, rollbacks: fresh });
        ensureTicking();
      }
    }
    if (o.discoverMs) discoverer = timers.setTimeout(discover, o.discoverMs);
  }

  return {
    start() {
      stopped = false;
      if (o.discoverMs && discoverer === null) discoverer = timers.setTimeout(discover, o.discoverMs);
      const st = changes.status();
      const texts = [
        ...st.warnings.map((w) => `journal: ${w}`),
        ...st.interrupted.map((i) => i.message),
        ...st.overdue.map(
          (i) =>
            `${describeIntent(i)} (${i.id}) was due to revert at ${time(i.rollbackAt ?? 0)} but nothing reverted it: it is still applied; u undoes it`,
        ),
      ];
      const rollbacks = st.pending.map((i) => ({
        id: i.id,
        what: describeIntent(i),
        rollbackAt: i.rollbackAt ?? 0,
      }));
      if (rollbacks.length > 0) store.dispatch({ type: "change-tick", now: now() });
      if (texts.length > 0 || rollbacks.length > 0)
        store.dispatch({ type: "change-notice", text: texts.length ? texts.join(" · ") : null, rollbacks });
      if (rollbacks.length > 0) ensureTicking();
    },
    stop() {
      stopped = true;
      if (ticker !== null) timers.clearTimeout(ticker);
      ticker = null;
      if (discoverer !== null) timers.clearTimeout(discoverer);
      discoverer = null;
    },
    settle,
    keep() {
      const rollbacks = pending();
      if (rollbacks.length === 0) {
        store.dispatch({ type: "status", text: "nothing to keep: no change is counting down" });
        return;
      }
      const settled: string[] = [];
      const lines: string[] = [];
      for (const r of rollbacks) {
        const k = changes.keep(r.id);
        // Refused means too late (the watchdog is reverting): the next tick reports the revert.
        if (k.status !== "refused") settled.push(r.id);
        lines.push(k.status === "kept" ? `kept: ${r.what} stays` : k.message);
      }
      settle({ ok: lines.every((l) => l.startsWith("kept")), lines }, settled);
    },
    check,
  };
}
