// A hand-written ChangeRunner for the controller tests: it records what it was
// asked, prepares route.exe-shaped argv, and answers from a table of statuses
// the test sets (as a journal would).
import type {
  ApplyOptions,
  ApplyOutcome,
  ChangeRunner,
  JournalEntry,
  JournalStatus,
  PreparedChange,
  PreparedUndo,
} from "../../../src/app/change/runner.js";
import type { RouteChange } from "../../../src/core/model.js";
import { ValidationError } from "../../../src/core/route-change.js";
import type { IntentRecord } from "../../../src/system/journal/journal.js";
import type { EntryStatus } from "../../../src/system/journal/queries.js";

export function preparedOf(change: RouteChange, over: Partial<PreparedChange> = {}): PreparedChange {
  const [net] = change.destination.split("/");
  return {
    change,
    argv: ["route", change.action, net ?? "", "mask", "255.0.0.0", change.gateway ?? "0.0.0.0"],
    revertArgv: ["route", change.action === "add" ? "delete" : "add", net ?? ""],
    persistArgv: null,
    persistRevertArgv: null,
    impact: [],
    ways: { fresh: [], retried: [] },
    operatorAffected: false,
    persistent: change.persistent,
    persistenceNote: "persistent: the command stores the route",
    warnings: [],
    refusal: null,
    ...over,
  };
}

export interface FakeChanges extends ChangeRunner {
  prepared: RouteChange[];
  applied: { prepared: PreparedChange; opts: ApplyOptions | undefined }[];
  kept: (string | undefined)[];
  undone: PreparedUndo[];
  statuses: Map<string, EntryStatus>;
  journal: JournalStatus;
}

export interface FakeOptions {
  prepare?: (c: RouteChange) => PreparedChange | ValidationError;
  apply?: (p: PreparedChange) => Partial<ApplyOutcome>;
  undo?: PreparedUndo | { ok: false; reason: string };
  liveOnly?: string | null;
}

export function fakeChanges(o: FakeOptions = {}): FakeChanges {
  let ids = 0;
  const f: FakeChanges = {
    prepared: [],
    applied: [],
    kept: [],
    undone: [],
    statuses: new Map(),
    journal: { interrupted: [], pending: [], overdue: [], warnings: [] },
    liveOnly: o.liveOnly ?? null,
    async prepare(change) {
      f.prepared.push(change);
      return o.prepare ? o.prepare(change) : preparedOf(change);
    },
    async apply(prepared, opts) {
      f.applied.push({ prepared, opts });
      const id = `c${++ids}`;
      const s = opts?.rollbackAfterS ?? 0;
      f.statuses.set(id, s > 0 ? "rollback-pending" : "applied");
      return {
        status: "applied",
        id,
        message: `done and verified: ${prepared.change.destination} is in the table`,
        rollbackAt: s > 0 ? 1_000_000 + s * 1000 : null,
        watchdogPid: 0,
        persisted: false,
        warnings: [],
        ...o.apply?.(prepared),
      };
    },
    async applyExtra() {
      return {
        status: "refused",
        id: null,
        message: "this fake runs no extras",
        rollbackAt: null,
        watchdogPid: null,
        persisted: false,
        warnings: [],
      };
    },
    keep(id) {
      f.kept.push(id);
      if (id && f.statuses.get(id) === "rollback-pending") {
        f.statuses.set(id, "kept");
        return { status: "kept", kept: [id], message: `kept ${id}` };
      }
      return {
        status: "refused",
        kept: [],
        message: `too late: the watchdog is already reverting change ${id}`,
      };
    },
    prepareUndo: () => o.undo ?? { ok: false, reason: "nothing to undo: the journal has no applied change" },
    prepareGroup: (p) => ({
      group: null,
      steps: [p],
      impact: p.impact,
      operatorAffected: p.operatorAffected,
    }),
    async undoAll(steps) {
      const outs = [];
      for (const p of steps) outs.push(await f.undo(p));
      return outs;
    },
    async undo(p) {
      if (p) f.undone.push(p);
      return {
        status: "reverted",
        id: p?.id ?? null,
        message: "reverted and verified: 10.0.0.0/8 is gone",
        warnings: [],
      };
    },
    async revertNow(id) {
      return { status: "nothing", id, message: "", warnings: [] };
    },
    settle: (id) => ({ status: "nothing", id, message: "", warnings: [] }),
    entry(id) {
      const status = f.statuses.get(id);
      if (!status) return null;
      const detail = status === "reverted" ? "reverted by watchdog at 2023-11-14 22:14:20 UTC" : status;
      return { intent: {} as IntentRecord, result: null, status, detail } as JournalEntry;
    },
    status: () => f.journal,
    resetUnsupported: null,
    prepareReset: () => ({ ok: false, reason: "this fake resets nothing" }),
    async reset() {
      return { ok: false, lines: ["this fake resets nothing"] };
    },
  };
  return f;
}

export { ValidationError };
