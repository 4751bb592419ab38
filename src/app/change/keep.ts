// The journal seen from the app: what to say at startup, and `keep`, which
// writes a keep line and then lets the order of lines decide against the watchdog.

import { errorText } from "../../core/errors.js";
import type { IntentRecord, Journal, JournalRecord, KeepRecord } from "../../system/journal/journal.js";
import { elsewhereRefusal, type Place, recordsHere } from "../../system/journal/place.js";
import {
  claimVerdict,
  type Interrupted,
  pendingIntents,
  unkeptRollbacks,
} from "../../system/journal/queries.js";

export interface KeepOutcome {
  /** unknown: no such id in the journal (bad input). */
  status: "kept" | "refused" | "nothing" | "unknown";
  kept: string[];
  /** One line per change, for people. */
  message: string;
}

export interface JournalStatus {
  interrupted: Interrupted[];
  /** Waiting for a keep; the watchdog reverts them at `rollbackAt`. */
  pending: IntentRecord[];
  /** Past their deadline with no revert recorded: the watchdog died. Still applied. */
  overdue: IntentRecord[];
  warnings: string[];
}

/** Only changes made here (this host, this network namespace): a shared state directory must not undo another's. */
export function ownRecords(records: JournalRecord[], here: Place): JournalRecord[] {
  return recordsHere(records, here);
}

export function journalStatus(journal: Journal, here: Place, now: number): JournalStatus {
  try {
    const read = journal.read();
    const records = ownRecords(read.records, here);
    const waiting = unkeptRollbacks(records);
    return {
      interrupted: pendingIntents(records),
      pending: waiting.filter((i) => (i.rollbackAt ?? 0) > now),
      overdue: waiting.filter((i) => (i.rollbackAt ?? 0) <= now),
      warnings: read.warnings,
    };
  } catch (e) {
    return { interrupted: [], pending: [], overdue: [], warnings: [errorText(e)] };
  }
}

export function keepChanges(
  d: { journal: Journal; clock: () => number; pid: number; here: Place; self?: string },
  id?: string,
): KeepOutcome {
  let all: JournalRecord[];
  try {
    all = d.journal.read().records;
  } catch (e) {
    return { status: "refused", kept: [], message: errorText(e) };
  }
  const records = ownRecords(all, d.here);
  const away = all.find((r): r is IntentRecord => r.type === "intent" && r.id === id);
  if (id !== undefined && away && !records.includes(away))
    return { status: "refused", kept: [], message: elsewhereRefusal(away, d.here, "keep", d.self) };
  if (id !== undefined && !records.some((r) => r.type === "intent" && r.id === id))
    return {
      status: "unknown",
      kept: [],
      message: `no change ${id} in the journal (see \`dualhome journal\`)`,
    };
  const ids = id !== undefined ? [id] : unkeptRollbacks(records).map((i) => i.id);
  if (ids.length === 0)
    return { status: "nothing", kept: [], message: "nothing to keep: no change is waiting for a rollback" };
  const kept: string[] = [];
  const lines: string[] = [];
  for (const target of ids) {
    const claim: KeepRecord = { type: "keep", id: target, at: d.clock(), pid: d.pid };
    // Ask before writing so a refused keep leaves no line behind; then ask again after, where order decides.
    let verdict = claimVerdict([...records, claim], claim);
    if (verdict === null) {
      try {
        d.journal.append(claim);
        verdict = claimVerdict(d.journal.read().records, claim);
      } catch (e) {
        verdict = errorText(e);
      }
    }
    if (verdict === null) {
      kept.push(target);
      lines.push(`kept ${target}: the change stays`);
    } else lines.push(verdict);
  }
  const status = kept.length === ids.length ? "kept" : "refused";
  return { status, kept, message: lines.join("\n") };
}
