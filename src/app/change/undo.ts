// Undo, keep and the journal's state at startup: everything that works from
// the journal rather than from a new change.

import { errorText } from "../../core/errors.js";
import { type ImpactRow, impactOf } from "../../core/impact.js";
import type { Analysis, RouteChange } from "../../core/model.js";
import { inverseOf } from "../../core/revert-inverse.js";
import { dateTimeText } from "../../core/time-text.js";
import type { CommandRunner } from "../../system/exec/runner-types.js";
import { type ChangeLock, ChangeLockBusy, noChangeLock } from "../../system/journal/change-lock.js";
import { describeIntent } from "../../system/journal/describe.js";
import type { IntentRecord, Journal, JournalRecord, RevertBy } from "../../system/journal/journal.js";
import { elsewhereRefusal, type Place } from "../../system/journal/place.js";
import { type JournalEntry, journalEntries, undoable } from "../../system/journal/queries.js";
import { revertChange, revertPlanOf, settleChange } from "../../system/journal/revert.js";
import type { Platform } from "../../system/platform.js";
import { ownRecords } from "./keep.js";
import { verifyOnHost } from "./verify.js";

export interface PreparedUndo {
  ok: true;
  id: string;
  intent: IntentRecord;
  /** What the undo does to the table: the inverse of the journaled route change (null for an extra). */
  change: RouteChange | null;
  /** The journaled revert commands, exactly as they will run. */
  commands: string[][];
  /** "1a2b3c4d: route add 10.0.0.0/8 via 192.168.1.254 dev eth1, applied 2025-… by root". */
  description: string;
  impact: ImpactRow[];
  operatorAffected: boolean;
  refusal: string | null;
}

/** Every undoable step of one guided fix, newest first, with their impact together. */
export interface PreparedGroup {
  group: string | null;
  steps: PreparedUndo[];
  impact: ImpactRow[];
  operatorAffected: boolean;
}

export interface UndoOutcome {
  status: "reverted" | "unverified" | "failed" | "refused" | "nothing";
  id: string | null;
  message: string;
  warnings: string[];
}

interface UndoDeps {
  platform: Platform;
  runner: CommandRunner;
  journal: Journal;
  clock: () => number;
  env: Readonly<Record<string, string | undefined>>;
  here: Place;
  self: string;
  pid: number;
  refusal: (what: string, argv: readonly string[]) => string | null;
  lock?: ChangeLock | undefined;
}

export type NotPrepared = { ok: false; reason: string };

export function createUndo(d: UndoDeps) {
  function records(): JournalRecord[] {
    return ownRecords(d.journal.read().records, d.here);
  }

  function prepareFor(all: JournalRecord[], intent: IntentRecord, analysis?: Analysis): PreparedUndo {
    const result = all.find((r) => r.type === "result" && r.id === intent.id);
    const persisted = result?.type === "result" && result.persisted === true;
    const change = intent.change ? inverseOf(intent.change) : null;
    const impact =
      analysis && change ? impactOf(analysis, [change], { sshConnection: d.env.SSH_CONNECTION ?? null }) : [];
    // The commands as they will run: rebuilt from the validated records, never the journal's argv.
    const plan = revertPlanOf(all, intent.id);
    const commands = plan.ok
      ? [...plan.steps.map((s) => s.argv), ...(persisted && plan.persist ? [plan.persist] : [])]
      : [];
    const by = intent.user ? ` by ${intent.user}` : "";
    return {
      ok: true,
      id: intent.id,
      intent,
      change,
      commands,
      description: `${intent.id}: ${describeIntent(intent)}, applied ${dateTimeText(intent.at)}${by}`,
      impact,
      operatorAffected: impact.some((r) => r.operatorSession),
      refusal: plan.ok
        ? d.refusal("undo", commands[0] ?? [])
        : `refused to revert ${intent.id}: ${plan.reason}: nothing was run`,
    };
  }

  /** The newest undoable change, or change `id`; refused with where it was made when that is not here. */
  function prepareUndo(analysis?: Analysis, id?: string): PreparedUndo | NotPrepared {
    try {
      const all = d.journal.read().records;
      const mine = ownRecords(all, d.here);
      const open = undoable(mine);
      if (id === undefined) {
        const intent = open[0];
        if (!intent)
          return {
            ok: false,
            reason: "nothing to undo: the journal has no applied change that is not reverted",
          };
        return prepareFor(mine, intent, analysis);
      }
      const any = all.find((r): r is IntentRecord => r.type === "intent" && r.id === id);
      if (!any) return { ok: false, reason: `no change ${id} in the journal (see \`${d.self} journal\`)` };
      if (!mine.includes(any)) return { ok: false, reason: elsewhereRefusal(any, d.here, "undo", d.self) };
      const intent = open.find((i) => i.id === id);
      if (!intent) {
        const status = journalEntries(mine, d.clock()).find((e) => e.intent.id === id)?.status;
        return { ok: false, reason: `nothing to undo: change ${id} is ${status ?? "unknown"}` };
      }
      return prepareFor(mine, intent, analysis);
    } catch (e) {
      return { ok: false, reason: errorText(e) };
    }
  }

  /** The undoable changes of `p`'s guided fix, newest first (just `p` outside a fix). */
  function prepareGroup(p: PreparedUndo, analysis?: Analysis): PreparedGroup {
    const group = p.intent.group;
    let steps = [p];
    if (group !== undefined) {
      const mine = records();
      const members = undoable(mine).filter((i) => i.group === group);
      if (members.some((i) => i.id === p.id)) steps = members.map((i) => prepareFor(mine, i, analysis));
    }
    const changes = steps.flatMap((s) => (s.change ? [s.change] : []));
    const impact =
      analysis && changes.length > 0
        ? impactOf(analysis, changes, { sshConnection: d.env.SSH_CONNECTION ?? null })
        : [];
    return { group: group ?? null, steps, impact, operatorAffected: impact.some((r) => r.operatorSession) };
  }

  async function run(p: PreparedUndo, by: RevertBy): Promise<UndoOutcome> {
    if (p.refusal) return { status: "refused", id: p.id, message: p.refusal, warnings: [] };
    let out: Awaited<ReturnType<typeof revertChange>>;
    try {
      // A revert changes the table too: not at the same time as another process's change.
      out = await (d.lock ?? noChangeLock).hold(() => revertChange(d, p.id, by));
    } catch (e) {
      const status = e instanceof ChangeLockBusy ? "refused" : "failed";
      return { status, id: p.id, message: errorText(e), warnings: [] };
    }
    if (out.status === "skipped") return { status: "refused", id: p.id, message: out.reason, warnings: [] };
    if (out.status === "failed") {
      const message = out.error.startsWith("changed since") ? out.error : `the revert failed: ${out.error}`;
      return { status: "failed", id: p.id, message, warnings: [] };
    }
    const warnings = out.warning ? [out.warning] : [];
    // Rules and sysctls are not in what verifyChange compares: an extra is done when its commands ran.
    if (!p.intent.change || !p.change)
      return { status: "reverted", id: p.id, message: `reverted: ${describeIntent(p.intent)}`, warnings };
    const differs = await verifyOnHost(d.platform, p.intent.change, p.intent.change.action === "delete");
    if (differs !== null)
      return { status: "unverified", id: p.id, message: `the revert ran, but ${differs}`, warnings };
    const where = p.intent.change.action === "add" ? "is gone from the table" : "is back in the table";
    return {
      status: "reverted",
      id: p.id,
      message: `reverted and verified: ${p.change.destination} ${where}`,
      warnings,
    };
  }

  async function undo(prepared?: PreparedUndo): Promise<UndoOutcome> {
    const p = prepared ?? prepareUndo();
    if (!p.ok) return { status: "nothing", id: null, message: p.reason, warnings: [] };
    return run(p, "undo");
  }

  /** Reverts the steps in the order given (newest first); stops at the first that is not reverted. */
  async function undoAll(steps: readonly PreparedUndo[]): Promise<UndoOutcome[]> {
    const done: UndoOutcome[] = [];
    for (const p of steps) {
      const out = await run(p, "undo");
      done.push(out);
      if (out.status !== "reverted") break;
    }
    return done;
  }

  /** Reverts change `id` now (the operator declined to keep it), whatever its place in the journal. */
  async function revertNow(id: string): Promise<UndoOutcome> {
    let all: JournalRecord[];
    try {
      all = records();
    } catch (e) {
      return { status: "failed", id, message: errorText(e), warnings: [] };
    }
    const intent = all.find((r): r is IntentRecord => r.type === "intent" && r.id === id);
    if (!intent) return { status: "nothing", id, message: `no change ${id} in the journal`, warnings: [] };
    return run(prepareFor(all, intent), "operator");
  }

  /**
   * The operator put the table right by hand after a revert failed ("changed since",
   * an error) or was interrupted: journal change `id` as settled. Nothing runs.
   */
  function settle(id: string): UndoOutcome {
    const none = { id, warnings: [] };
    try {
      const e = journalEntries(records(), d.clock()).find((x) => x.intent.id === id);
      if (!e) return { status: "nothing", ...none, message: `no change ${id} in the journal` };
      if (!["revert-failed", "reverting", "interrupted"].includes(e.status))
        return {
          status: "refused",
          ...none,
          message: `change ${id} is ${e.status}: only a change whose revert failed or was interrupted can be settled`,
        };
      const out = settleChange(d, id);
      if (out.status !== "reverted")
        return { status: "refused", ...none, message: out.status === "skipped" ? out.reason : out.error };
      return {
        status: "reverted",
        ...none,
        message: `settled ${id}: journaled as put right by hand, nothing was run`,
      };
    } catch (e) {
      return { status: "failed", ...none, message: errorText(e) };
    }
  }

  /** What became of change `id`, or null when the journal does not know it. */
  function entry(id: string, now: number): JournalEntry | null {
    try {
      return journalEntries(records(), now).find((e) => e.intent.id === id) ?? null;
    } catch {
      return null;
    }
  }

  return { prepareUndo, prepareGroup, undo, undoAll, revertNow, settle, entry };
}
