// What every change goes through, a route or a guided-fix extra: the intent is
// journaled before anything runs, the rollback watchdog is started before the
// commands (if we die half-way, the revert is already held), then the result.
// All of it under the change lock, so that two processes never interleave, and
// with what else is counting down here said at that moment.
import { type ChangeLock, ChangeLockBusy, noChangeLock } from "../system/change-lock.js";
import type { IntentRecord, Journal } from "../system/journal.js";
import { describeIntent } from "../system/journal-describe.js";
import { netnsRecord } from "../system/journal-place.js";
import type { NetnsIdentity } from "../system/netns-identity.js";
import { type ApplyOutcome, errorText, outcome } from "./change-outcome.js";

export interface JournaledDeps {
  journal: Journal;
  spawnWatchdog: (id: string, atEpochMs: number) => number;
  clock: () => number;
  newId: () => string;
  host: string;
  user: string;
  /** The namespace the change is made in, recorded with it. */
  netns?: NetnsIdentity | undefined;
  lock?: ChangeLock | undefined;
  /** Changes made here that still count down (read under the lock, just before the intent). */
  pending?: (() => IntentRecord[]) | undefined;
}

export type IntentBody = Omit<IntentRecord, "type" | "id" | "at" | "host" | "user" | "rollbackAt" | "netns">;

export interface RunOutcome {
  persisted: boolean;
  warnings: string[];
}

export type Journaled =
  | { ok: true; id: string; rollbackAt: number | null; watchdogPid: number | null; ran: RunOutcome }
  | { ok: false; outcome: ApplyOutcome };

const time = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");

/** Said with the outcome: a change made while another still counts down is made on top of it. */
function pendingWarnings(pending: readonly IntentRecord[]): string[] {
  return pending.map(
    (i) =>
      `another change is still counting down: ${i.id} (${describeIntent(i)}) reverts at ${time(i.rollbackAt ?? 0)} ` +
      `unless kept (\`dualhome keep ${i.id}\`); this change was made on top of it`,
  );
}

/** Runs `run` between the journal's intent and result, holding the change lock; a throw from `run` is the failure message. */
export async function runJournaled(
  d: JournaledDeps,
  body: IntentBody,
  rollbackAfterS: number,
  run: () => Promise<RunOutcome>,
): Promise<Journaled> {
  let inside = false;
  try {
    return await (d.lock ?? noChangeLock).hold(() => {
      inside = true;
      return locked(d, body, rollbackAfterS, run);
    });
  } catch (e) {
    if (inside) throw e;
    // The lock could not be taken (busy, or the state directory refused it): nothing ran.
    const status = e instanceof ChangeLockBusy ? "refused" : "failed";
    return { ok: false, outcome: outcome({ status, message: `nothing was changed: ${errorText(e)}` }) };
  }
}

async function locked(
  d: JournaledDeps,
  body: IntentBody,
  rollbackAfterS: number,
  run: () => Promise<RunOutcome>,
): Promise<Journaled> {
  const id = d.newId();
  const rollbackAt = rollbackAfterS > 0 ? d.clock() + rollbackAfterS * 1000 : null;
  let others: string[];
  try {
    // The steps of one guided fix count down together on purpose.
    const group = body.group;
    others = pendingWarnings((d.pending?.() ?? []).filter((i) => group === undefined || i.group !== group));
    const where = netnsRecord(d.netns);
    d.journal.append({
      type: "intent",
      id,
      at: d.clock(),
      ...body,
      host: d.host,
      user: d.user,
      rollbackAt,
      ...where,
    });
  } catch (e) {
    return {
      ok: false,
      outcome: outcome({ status: "failed", message: `nothing was changed: ${errorText(e)}` }),
    };
  }
  const fail = (message: string): Journaled => {
    d.journal.append({ type: "result", id, at: d.clock(), ok: false, error: message });
    return { ok: false, outcome: outcome({ status: "failed", id, message }) };
  };
  let watchdogPid: number | null = null;
  if (rollbackAt !== null) {
    try {
      watchdogPid = d.spawnWatchdog(id, rollbackAt);
    } catch (e) {
      return fail(`could not start the rollback watchdog, so nothing was changed: ${errorText(e)}`);
    }
  }
  let ran: RunOutcome;
  try {
    ran = await run();
  } catch (e) {
    return fail(errorText(e));
  }
  d.journal.append({
    type: "result",
    id,
    at: d.clock(),
    ok: true,
    persisted: ran.persisted,
    ...(ran.warnings[0] ? { persistError: ran.warnings[0] } : {}),
  });
  return { ok: true, id, rollbackAt, watchdogPid, ran: { ...ran, warnings: [...others, ...ran.warnings] } };
}
