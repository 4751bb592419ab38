// The effects behind a, d, f, u, y, n and c: prepare a change, show the one
// confirmation, apply exactly what was shown, say what came of it, and hand
// the rollback countdown to the rollback watch.

import { errorText } from "../../core/errors.js";
import type { RouteChange } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import { ValidationError } from "../../core/route-change.js";
import { describeChange } from "../../system/journal/describe.js";
import { resetFlowsOf } from "../change/reset.js";
import type { ApplyOutcome, ChangeRunner, UndoOutcome } from "../change/runner.js";
import { formatArgv } from "../change/text.js";
import type { Store } from "../store.js";
import {
  applyOutcome,
  confirmChange,
  confirmReset,
  confirmUndo,
  resetHint,
  undoOutcome,
} from "./change-view.js";
import { type Picked, pickDelete, pickFix } from "./pick-change.js";
import type { Poller, Timers } from "./poller.js";
import { createRollbackWatch } from "./rollback-watch.js";
import { checkForm, firstError, newForm } from "./route-form.js";
import type { Action, AppState } from "./state.js";

interface ChangeControllerOptions {
  store: Store<AppState, Action>;
  poller: Pick<Poller, "refresh">;
  changes: ChangeRunner;
  /** Seconds before an applied change reverts by itself unless kept; 0 = no rollback. */
  rollbackAfterS: number;
  policy: Policy | null;
  policySource: string;
  timers?: Timers;
  now?: () => number;
  /** How often the countdown redraws and the journal is read (default 500 ms). */
  tickMs?: number;
  /** How often to look for changes another dualhome started here (absent: only at start). */
  discoverMs?: number;
}

export interface ChangeController {
  /** Reads the journal: interrupted changes, rollbacks still counting down from an earlier run. */
  start(): void;
  stop(): void;
  openAdd(): void;
  submitForm(): Promise<void>;
  deleteSelected(): Promise<void>;
  fix(): Promise<void>;
  undo(): void;
  /** x: offers to close the connects the last change left stuck on the old way. */
  reset(): void;
  confirm(): Promise<void>;
  cancel(): void;
  keep(): void;
  /** One countdown tick: what became of each pending rollback. */
  check(): void;
}

export function createChangeController(o: ChangeControllerOptions): ChangeController {
  const { store, changes } = o;
  const watch = createRollbackWatch(o);
  const now = o.now ?? Date.now;
  const say = (text: string) => store.dispatch({ type: "status", text });
  const cards = () => {
    const a = store.getState().analysis;
    return a?.snapshot.interfaces.ok ? a.snapshot.interfaces.value : [];
  };

  async function propose(list: RouteChange[], step: number, count: number, fromForm: boolean): Promise<void> {
    const analysis = store.getState().analysis;
    const [first, ...rest] = list;
    if (!first) return;
    if (!analysis) return say("no data yet: wait for the first poll");
    store.dispatch({ type: "change-busy", text: `checking ${describeChange(first)}…` });
    let p: Awaited<ReturnType<ChangeRunner["prepare"]>>;
    try {
      p = await changes.prepare(first, analysis);
    } catch (e) {
      p = new ValidationError(errorText(e), "platform");
    }
    if (p instanceof ValidationError) {
      if (fromForm && store.getState().change.form)
        return store.dispatch({ type: "form-error", field: p.field, message: p.message });
      store.dispatch({ type: "change-busy", text: null });
      return say(p.message);
    }
    const at = count > 1 ? { index: step, count } : null;
    store.dispatch({ type: "confirm-open", confirm: confirmChange(p, rest, at, o.rollbackAfterS) });
  }

  async function act(picked: Picked): Promise<void> {
    if (picked.kind === "none") return say(picked.why);
    if (picked.kind === "form") {
      if (cards().length === 0) return say("cannot add a route: this host's cards could not be read");
      store.dispatch({
        type: "form-open",
        form: newForm(cards(), picked.prefill, changes.liveOnly === null),
      });
      return;
    }
    await propose(picked.changes, 1, picked.changes.length, false);
  }

  const idle = () => {
    const busy = store.getState().change.busy;
    if (busy) say(`wait: ${busy}`);
    return !busy;
  };

  async function runUndo(prepared: Parameters<ChangeRunner["undo"]>[0]): Promise<void> {
    let out: UndoOutcome;
    try {
      out = await changes.undo(prepared);
    } catch (e) {
      out = { status: "failed", id: null, message: errorText(e), warnings: [] };
    }
    watch.settle(undoOutcome(out), out.status === "reverted" && out.id ? [out.id] : []);
  }

  return {
    start: watch.start,
    stop: watch.stop,
    openAdd() {
      if (idle()) void act({ kind: "form", prefill: {} });
    },
    async submitForm() {
      const form = store.getState().change.form;
      if (!form || !idle()) return;
      const check = checkForm(form, cards());
      if (!check.change) {
        store.dispatch({ type: "form-focus", field: firstError(check) ?? form.focus });
        return;
      }
      await propose([check.change], 1, 1, true);
    },
    async deleteSelected() {
      if (idle()) await act(pickDelete(store.getState()));
    },
    async fix() {
      if (idle()) await act(pickFix(store.getState(), { policy: o.policy, policySource: o.policySource }));
    },
    undo() {
      if (!idle()) return;
      const u = changes.prepareUndo(store.getState().analysis ?? undefined);
      if (!u.ok) return say(u.reason);
      store.dispatch({ type: "confirm-open", confirm: confirmUndo(u) });
    },
    async confirm() {
      const c = store.getState().change.confirm;
      if (!c) return;
      store.dispatch({ type: "confirm-close" });
      // Refused (read-only, not privileged): nothing runs; the refusal says how to run it.
      if (c.refusal) return watch.settle({ ok: false, lines: [c.refusal] }, []);
      store.dispatch({ type: "change-busy", text: `running: ${formatArgv(c.commands[0] ?? [])}` });
      if (c.payload.kind === "undo") return runUndo(c.payload.prepared);
      if (c.payload.kind === "reset") {
        const done = await changes
          .reset(c.payload.prepared)
          .catch((e) => ({ ok: false, lines: [errorText(e)] }));
        store.dispatch({
          type: "change-outcome",
          outcome: done,
          now: now(),
          ...(done.ok ? { resettable: [] } : {}),
        });
        o.poller.refresh();
        return;
      }
      const { prepared, rest } = c.payload;
      let out: ApplyOutcome;
      try {
        out = await changes.apply(prepared, { rollbackAfterS: o.rollbackAfterS });
      } catch (e) {
        const base = { id: null, rollbackAt: null, watchdogPid: null, persisted: false, warnings: [] };
        out = { ...base, status: "failed", message: errorText(e) };
      }
      const shown = applyOutcome(out, prepared);
      const moved =
        out.status === "applied" || out.status === "unverified" ? resetFlowsOf(prepared.ways.retried) : [];
      const hint = resetHint(moved, changes.resetUnsupported);
      if (hint) shown.outcome.lines.splice(1, 0, hint);
      if (moved.length > 0)
        store.dispatch({ type: "change-outcome", outcome: null, now: now(), resettable: moved });
      watch.settle(shown.outcome, [], shown.rollback);
      if (out.status === "applied" && rest.length > 0) {
        const step = (c.step?.index ?? 1) + 1;
        await propose(rest, step, c.step?.count ?? rest.length + 1, false);
      }
    },
    reset() {
      if (!idle()) return;
      const s = store.getState();
      if (changes.resetUnsupported) return say(`cannot reset connections here: ${changes.resetUnsupported}`);
      if (s.change.resettable.length === 0)
        return say("nothing to reset: x closes the connects a change just left stuck in SYN_SENT");
      if (!s.analysis) return say("no data yet: wait for the first poll");
      const p = changes.prepareReset(s.change.resettable, s.analysis);
      if (!p.ok) return say(p.reason);
      store.dispatch({ type: "confirm-open", confirm: confirmReset(p) });
    },
    cancel() {
      if (!store.getState().change.confirm) return;
      store.dispatch({ type: "confirm-close" });
      say("cancelled: nothing was changed");
    },
    keep: watch.keep,
    check: watch.check,
  };
}
