// What every change goes through, a route or a guided-fix extra: the intent is
// journaled before anything runs, the rollback watchdog is started before the
// commands (if we die half-way, the revert is already held), then the result.
// All of it under the change lock, so that two processes never interleave, and
// with what else is counting down here said at that moment.

import { errorText } from "../../core/errors.js";
import { shellFor } from "../../core/shell-quote.js";
import { type ChangeLock, ChangeLockBusy, noChangeLock } from "../../system/journal/change-lock.js";
import { describeIntent } from "../../system/journal/describe.js";
import type { IntentRecord, Journal } from "../../system/journal/journal.js";
import { netnsRecord } from "../../system/journal/place.js";
import { planRevert } from "../../system/journal/revert-plan.js";
import type { NetnsIdentity } from "../../system/netns-identity.js";
import type { KernelRoute } from "../../system/parts/exact-route.js";
import { type ApplyOutcome, outcome } from "./outcome.js";
import { formatArgv } from "./text.js";

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

interface RunOutcome {
  persisted: boolean;
  warnings: string[];
  /** The route as the kernel reported it after the change (an add): what its revert removes. */
  route?: KernelRoute;
}

/** After `run` threw: the table read again; a RunOutcome when the change took effect anyway. */
export type Recheck = (error: unknown) => Promise<RunOutcome | null>;

type Journaled =
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
  recheck?: Recheck,
): Promise<Journaled> {
  let inside = false;
  try {
    return await (d.lock ?? noChangeLock).hold(() => {
      inside = true;
      return locked(d, body, rollbackAfterS, run, recheck);
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
  recheck: Recheck | undefined,
): Promise<Journaled> {
  const id = d.newId();
  const rollbackAt = rollbackAfterS > 0 ? d.clock() + rollbackAfterS * 1000 : null;
  const intent: IntentRecord = {
    type: "intent",
    id,
    at: d.clock(),
    ...body,
    host: d.host,
    user: d.user,
    rollbackAt,
    ...netnsRecord(d.netns),
  };
  let others: string[];
  try {
    // The steps of one guided fix count down together on purpose.
    const group = body.group;
    others = pendingWarnings((d.pending?.() ?? []).filter((i) => group === undefined || i.group !== group));
    d.journal.append(intent);
  } catch (e) {
    return {
      ok: false,
      outcome: outcome({ status: "failed", message: `nothing was changed: ${errorText(e)}` }),
    };
  }
  const fail = (message: string): Journaled => {
    try {
      d.journal.append({ type: "result", id, at: d.clock(), ok: false, error: message });
    } catch (e) {
      return {
        ok: false,
        outcome: outcome({ status: "failed", id, message: `${message} (${errorText(e)})` }),
      };
    }
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
  try {
    d.journal.append({
      type: "result",
      id,
      at: d.clock(),
      ok: true,
      persisted: ran.persisted,
      ...(note ? { error: note } : ran.warnings[0] ? { persistError: ran.warnings[0] } : {}),
      ...(ran.route ? { route: ran.route } : {}),
    });
  } catch (e) {
    // Applied, yet `undo` will never find it: say so, with the exact way back.
    const message = `applied, but the journal could not record it: revert with \`${revertLine(intent, ran)}\` (${errorText(e)})`;
    return {
      ok: false,
      outcome: outcome({ status: "failed", id, rollbackAt, watchdogPid, ...ran, message }),
    };
  }
  return { ok: true, id, rollbackAt, watchdogPid, ran: { ...ran, warnings: [...others, ...ran.warnings] } };
}

/** The commands that undo what ran, as one line to paste into the shell they are meant for. */
function revertLine(intent: IntentRecord, ran: RunOutcome): string {
  // The revert undo would rebuild from the records that could not be written; this
  // process built the intent moments ago, so its own revert argv is the fallback.
  const result = {
    type: "result",
    id: intent.id,
    at: intent.at,
    ok: true,
    persisted: ran.persisted,
  } as const;
  const plan = planRevert(intent, ran.route ? { ...result, route: ran.route } : result);
  const live = plan.ok ? plan.steps.map((step) => step.argv) : [intent.revertArgv];
  const persist = plan.ok ? plan.persist : (intent.persistRevertArgv ?? null);
  const all = [...live, ...(ran.persisted && persist ? [persist] : [])];
  const joiner = shellFor(all[0] ?? []) === "powershell" ? "; " : " && ";
  return all.map((argv) => formatArgv(argv)).join(joiner);
}
