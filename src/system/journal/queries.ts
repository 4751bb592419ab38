// Questions asked of the journal: what was interrupted, what `undo` reverts,
// which rollbacks wait for a keep, and who wins when a keep and a revert race
// (whoever's line comes first in the file).

import { dateTimeText } from "../../core/time-text.js";
import { describeIntent } from "./describe.js";
import type {
  IntentRecord,
  JournalRecord,
  KeepRecord,
  ResultRecord,
  RevertingRecord,
  RevertRecord,
} from "./journal.js";

interface IdState {
  intent: IntentRecord;
  result: ResultRecord | null;
  kept: KeepRecord | null;
  /** The last revert that ran and worked. */
  reverted: RevertRecord | null;
  /** The last revert that ran and failed (skipped claims are not reverts). */
  failedRevert: RevertRecord | null;
  /** A revert claimed but not (yet) settled: running now, or its process died. */
  openClaim: RevertingRecord | null;
}

function statesOf(records: readonly JournalRecord[]): Map<string, IdState> {
  const states = new Map<string, IdState>();
  const claims = new Map<string, RevertingRecord[]>();
  for (const r of records) {
    if (r.type === "intent") {
      states.set(r.id, {
        intent: r,
        result: null,
        kept: null,
        reverted: null,
        failedRevert: null,
        openClaim: null,
      });
      continue;
    }
    const s = states.get(r.id);
    if (!s) continue;
    if (r.type === "result") s.result = r;
    else if (r.type === "keep") s.kept ??= r;
    else if (r.type === "reverting") claims.set(r.id, [...(claims.get(r.id) ?? []), r]);
    else if (r.type === "revert") {
      // An operator's settle closes every claim: the process that made them is gone.
      claims.set(
        r.id,
        r.settled ? [] : (claims.get(r.id) ?? []).filter((c) => !(c.pid === r.pid && c.by === r.by)),
      );
      if (r.skipped === undefined) {
        if (r.ok) s.reverted = r;
        else s.failedRevert = r;
      }
    }
  }
  for (const [id, open] of claims) {
    const s = states.get(id);
    if (s) s.openClaim = open[0] ?? null;
  }
  return states;
}

export interface Interrupted {
  intent: IntentRecord;
  /** "apply": the change ran or not, nobody knows; "revert": a revert started and never finished. */
  stage: "apply" | "revert";
  message: string;
}

/** Changes whose outcome was never written: a crash between intent and result. */
export function pendingIntents(records: readonly JournalRecord[]): Interrupted[] {
  const out: Interrupted[] = [];
  for (const s of statesOf(records).values()) {
    const what = `${s.intent.id} (${describeIntent(s.intent)})`;
    if (s.reverted) continue;
    if (!s.result)
      out.push({
        intent: s.intent,
        stage: "apply",
        message: `a change was interrupted: ${what} has no recorded result: check the table`,
      });
    else if (s.openClaim && !s.reverted)
      out.push({
        intent: s.intent,
        stage: "revert",
        message: `a revert was interrupted: ${what}, started by ${s.openClaim.by}, has no recorded result: check the table`,
      });
  }
  return out;
}

/** What `undo` can revert: changes that applied and are not reverted (nor being reverted), newest first. */
export function undoable(records: readonly JournalRecord[]): IntentRecord[] {
  return [...statesOf(records).values()]
    .filter((s) => s.result?.ok === true && !s.reverted && !s.openClaim)
    .map((s) => s.intent)
    .reverse();
}

/** What `undo` reverts without an id: the newest change that applied and is not reverted. */
export function lastApplied(records: readonly JournalRecord[]): IntentRecord | null {
  return undoable(records)[0] ?? null;
}

/** Applied changes under auto-rollback that nobody kept and nobody reverted yet (overdue ones too). */
export function unkeptRollbacks(records: readonly JournalRecord[]): IntentRecord[] {
  return [...statesOf(records).values()]
    .filter(
      (s) =>
        s.result?.ok === true &&
        s.intent.rollbackAt !== null &&
        !s.kept &&
        !s.reverted &&
        !s.failedRevert &&
        !s.openClaim,
    )
    .map((s) => s.intent);
}

function findClaim(records: readonly JournalRecord[], claim: KeepRecord | RevertingRecord): number {
  return records.findIndex(
    (r) => r.type === claim.type && r.id === claim.id && r.pid === claim.pid && r.at === claim.at,
  );
}

/**
 * Whether a keep or revert claim, already appended, goes ahead: null to go, or
 * why it must stand down. Only the records before the claim count, so the
 * watchdog and a late `keep` agree on who came first.
 */
export function claimVerdict(
  records: readonly JournalRecord[],
  claim: KeepRecord | RevertingRecord,
): string | null {
  const at = findClaim(records, claim);
  if (at < 0) return "the claim is not in the journal (was it written to another file?)";
  const s = statesOf(records.slice(0, at)).get(claim.id);
  if (!s) return `no change ${claim.id} in the journal`;
  if (s.result?.ok === false)
    return `change ${claim.id} failed when it was applied: nothing to ${claim.type === "keep" ? "keep" : "revert"}`;
  if (s.reverted) return `change ${claim.id} was already reverted by ${s.reverted.by}`;
  if (s.openClaim) {
    return claim.type === "keep"
      ? `too late: the ${s.openClaim.by} is already reverting change ${claim.id}`
      : `change ${claim.id} is already being reverted by ${s.openClaim.by}`;
  }
  if (claim.type === "keep") {
    if (s.intent.rollbackAt === null) return `change ${claim.id} has no rollback pending: nothing to keep`;
    return null;
  }
  if (claim.by === "watchdog" && s.kept) return `change ${claim.id} was kept`;
  return null;
}

export type EntryStatus =
  | "interrupted"
  | "failed"
  | "applied"
  | "rollback-pending"
  | "rollback-overdue"
  | "kept"
  | "reverting"
  | "revert-failed"
  | "reverted";

export interface JournalEntry {
  intent: IntentRecord;
  result: ResultRecord | null;
  status: EntryStatus;
  /** One line for people. */
  detail: string;
}

const time = dateTimeText;

/** Every change with what became of it, oldest first. */
export function journalEntries(records: readonly JournalRecord[], now: number): JournalEntry[] {
  return [...statesOf(records).values()].map((s) => {
    const entry = (status: EntryStatus, detail: string): JournalEntry => ({
      intent: s.intent,
      result: s.result,
      status,
      detail,
    });
    const due = s.intent.rollbackAt;
    // Reverted wins over interrupted: once the revert ran, whatever the apply did is undone.
    if (s.reverted?.settled)
      return entry("reverted", `settled by the operator at ${time(s.reverted.at)}: nothing was run`);
    if (s.reverted) return entry("reverted", `reverted by ${s.reverted.by} at ${time(s.reverted.at)}`);
    if (!s.result) return entry("interrupted", "no result recorded: the process died; check the table");
    if (!s.result.ok) return entry("failed", s.result.error ?? "the command failed");
    if (s.openClaim)
      return entry("reverting", `revert started by ${s.openClaim.by} at ${time(s.openClaim.at)}, no result`);
    if (s.failedRevert)
      return entry(
        "revert-failed",
        `revert by ${s.failedRevert.by} failed: ${s.failedRevert.error ?? "unknown error"}`,
      );
    if (s.kept) return entry("kept", `kept at ${time(s.kept.at)}`);
    if (due !== null && due > now) return entry("rollback-pending", `reverts at ${time(due)} unless kept`);
    if (due !== null)
      return entry(
        "rollback-overdue",
        `was due to revert at ${time(due)} but no revert was recorded: the watchdog died`,
      );
    return entry("applied", s.result.persisted ? "applied, persistent" : "applied");
  });
}
