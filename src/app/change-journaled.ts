// What every change goes through, a route or a guided-fix extra: the intent is
// journaled before anything runs, the rollback watchdog is started before the
// commands (if we die half-way, the revert is already held), then the result.
import type { IntentRecord, Journal } from "../system/journal.js";
import type { KernelRoute } from "../system/linux/kernel-route.js";
import { type ApplyOutcome, errorText, outcome } from "./change-outcome.js";

export interface JournaledDeps {
  journal: Journal;
  spawnWatchdog: (id: string, atEpochMs: number) => number;
  clock: () => number;
  newId: () => string;
  host: string;
  user: string;
}

export type IntentBody = Omit<IntentRecord, "type" | "id" | "at" | "host" | "user" | "rollbackAt">;

export interface RunOutcome {
  persisted: boolean;
  warnings: string[];
  /** The route as the kernel reported it after the change (an add): what its revert removes. */
  route?: KernelRoute;
}

/** After `run` threw: the table read again; a RunOutcome when the change took effect anyway. */
export type Recheck = (error: unknown) => Promise<RunOutcome | null>;

export type Journaled =
  | { ok: true; id: string; rollbackAt: number | null; watchdogPid: number | null; ran: RunOutcome }
  | { ok: false; outcome: ApplyOutcome };

/** Runs `run` between the journal's intent and result; a throw from `run` is the failure message. */
export async function runJournaled(
  d: JournaledDeps,
  body: IntentBody,
  rollbackAfterS: number,
  run: () => Promise<RunOutcome>,
  recheck?: Recheck,
): Promise<Journaled> {
  const id = d.newId();
  const rollbackAt = rollbackAfterS > 0 ? d.clock() + rollbackAfterS * 1000 : null;
  try {
    d.journal.append({ type: "intent", id, at: d.clock(), ...body, host: d.host, user: d.user, rollbackAt });
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
  let note: string | undefined;
  try {
    ran = await run();
  } catch (e) {
    // A timeout or an error does not say the kernel did nothing: the table does.
    const anyway = recheck ? await recheck(e).catch(() => null) : null;
    if (!anyway) return fail(errorText(e));
    ran = anyway;
    note = anyway.warnings[0];
  }
  d.journal.append({
    type: "result",
    id,
    at: d.clock(),
    ok: true,
    persisted: ran.persisted,
    ...(note ? { error: note } : ran.warnings[0] ? { persistError: ran.warnings[0] } : {}),
    ...(ran.route ? { route: ran.route } : {}),
  });
  return { ok: true, id, rollbackAt, watchdogPid, ran };
}
