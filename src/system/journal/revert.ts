// Reverting a journaled change: the one path the watchdog, `undo` and the TUI's
// "revert now" share. Nothing is taken from the journal's argv: the revert is
// rebuilt from the validated change and the route the kernel reported (revert-plan),
// and it runs only when exactly that route is still there (or its place still free).

import { errorText } from "../../core/errors.js";
import type { CommandRunner } from "../exec/runner-types.js";
import { readExact } from "../linux/kernel-route-argv.js";
import { describeKernelRoute, routeDiff, sameRoute } from "../linux/kernel-route-diff.js";
import type { KernelRoute } from "../parts/exact-route.js";
import { windowsDoneAnyway, windowsTableVerdict } from "../windows/route-check.js";
import type { Journal, JournalRecord, ResultRecord, RevertBy, RevertingRecord } from "./journal.js";
import { claimVerdict } from "./queries.js";
import { planRevert, type RevertPlan, type RevertStep } from "./revert-plan.js";

interface RevertDeps {
  journal: Journal;
  runner: CommandRunner;
  clock: () => number;
  /** Identifies this process's claim in the journal. */
  pid: number;
}

export type RevertOutcome =
  | { status: "reverted"; argv: string[]; warning?: string }
  | { status: "skipped"; reason: string }
  | { status: "failed"; argv: string[]; error: string };

/** The revert of change `id` as it would run (for the confirmation), or why it may not. */
export function revertPlanOf(records: readonly JournalRecord[], id: string): RevertPlan {
  const intent = records.find((r) => r.type === "intent" && r.id === id);
  if (intent?.type !== "intent") return { ok: false, reason: `no change ${id} in the journal` };
  const result = records.find((r): r is ResultRecord => r.type === "result" && r.id === id) ?? null;
  return planRevert(intent, result);
}

/** null when the table lets the step run; else "changed since: not reverted: …", one line. */
async function tableVerdict(runner: CommandRunner, step: RevertStep): Promise<string | null> {
  if (!step.check) return null;
  if ("windows" in step.check) return windowsTableVerdict(runner, step.check.want, step.check.windows);
  const want = step.check.route;
  const now = (await readExact(runner, want.family, want.table, want.dst)).routes;
  const routes = now.filter((r): r is KernelRoute => typeof r !== "string");
  const head = "changed since: not reverted:";
  if (step.check.want === "present") {
    if (routes.some((r) => sameRoute(want, r))) return null;
    if (now.length === 0) return `${head} ${want.dst} is no longer in table ${want.table}`;
    const closest = routes
      .map((r) => ({ r, d: routeDiff(want, r) }))
      .sort((a, b) => a.d.length - b.d.length)[0];
    if (!closest) return `${head} the table holds another ${want.dst} that dualhome cannot read (${now[0]})`;
    return `${head} the table has ${describeKernelRoute(closest.r)} (${closest.d.join("; ")}), not the route dualhome added`;
  }
  const back = routes.find((r) => sameRoute(want, r));
  if (back) return `${head} ${describeKernelRoute(back)} is back in the table already`;
  const taken = routes.find((r) => r.metric === want.metric);
  if (taken) return `${head} the table has ${describeKernelRoute(taken)} where the deleted route was`;
  return null;
}

/** After a step failed or timed out: did the kernel do it anyway? */
async function doneAnyway(runner: CommandRunner, step: RevertStep): Promise<boolean> {
  if (!step.check) return false;
  const check = step.check;
  if ("windows" in check) return windowsDoneAnyway(runner, check.want, check.windows).catch(() => false);
  const want = check.route;
  try {
    const now = (await readExact(runner, want.family, want.table, want.dst)).routes;
    const there = now.some((r) => typeof r !== "string" && sameRoute(want, r));
    return check.want === "present" ? !there : there;
  } catch {
    return false;
  }
}

/** Claims the revert in the journal, runs it if the claim holds and the table agrees, and journals what happened. */
export async function revertChange(deps: RevertDeps, id: string, by: RevertBy): Promise<RevertOutcome> {
  const { journal, runner, clock, pid } = deps;
  const before = journal.read().records;
  const intent = before.find((r) => r.type === "intent" && r.id === id);
  if (intent?.type !== "intent") return { status: "skipped", reason: `no change ${id} in the journal` };
  const plan = revertPlanOf(before, id);
  // A record that does not rebuild is forged or damaged: nothing runs, and nothing is claimed.
  if (!plan.ok) return { status: "skipped", reason: `refused to revert ${id}: ${plan.reason}` };

  // Ask first without writing, so a kept change leaves no trace of the watchdog.
  const probe: RevertingRecord = { type: "reverting", id, at: clock(), by, pid };
  const early = claimVerdict([...before, probe], probe);
  if (early !== null) return { status: "skipped", reason: early };

  const claim: RevertingRecord = { type: "reverting", id, at: clock(), by, pid };
  journal.append(claim);
  const verdict = claimVerdict(journal.read().records, claim);
  const settle = (
    rest: Omit<Extract<JournalRecord, { type: "revert" }>, "type" | "id" | "at" | "by" | "pid">,
  ) => journal.append({ type: "revert", id, at: clock(), by, pid, ...rest });
  if (verdict !== null) {
    settle({ ok: false, skipped: verdict });
    return { status: "skipped", reason: verdict };
  }
  const first = plan.steps[0]?.argv ?? [];

  const result = journal.read().records.find((r) => r.type === "result" && r.id === id);
  const persisted = result?.type === "result" && result.persisted === true;
  // An extra's reverts all run even when one fails: undoing half is better than undoing none.
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const step of plan.steps) {
    let changed: string | null;
    try {
      changed = await tableVerdict(runner, step);
    } catch (e) {
      changed = `could not read the table, so nothing was reverted: ${errorText(e)}`;
    }
    if (changed !== null) {
      settle({ ok: false, error: changed });
      return { status: "failed", argv: step.argv, error: changed };
    }
    try {
      await runner.run(step.argv);
    } catch (e) {
      if (await doneAnyway(runner, step)) {
        warnings.push(`${errorText(e)}, but the table shows the revert done`);
        continue;
      }
      errors.push(plan.steps.length > 1 ? `${step.argv.join(" ")}: ${errorText(e)}` : errorText(e));
      if (!intent.extra) break;
    }
  }
  if (errors.length > 0) {
    const error = errors.join("; ");
    settle({ ok: false, error });
    return { status: "failed", argv: first, error };
  }
  if (persisted && plan.persist) {
    try {
      await runner.run(plan.persist);
    } catch (e) {
      warnings.push(
        `the live route is reverted, but removing it from the saved configuration failed: ${errorText(e)}`,
      );
    }
  }
  const warning = warnings.join("; ");
  settle(warning ? { ok: true, error: warning } : { ok: true });
  return warning ? { status: "reverted", argv: first, warning } : { status: "reverted", argv: first };
}

/**
 * The operator says a change whose revert failed (or was interrupted) is settled:
 * they put the table right by hand. Nothing runs; the journal stops offering it to undo.
 */
export function settleChange(deps: Omit<RevertDeps, "runner">, id: string): RevertOutcome {
  const records = deps.journal.read().records;
  if (!records.some((r) => r.type === "intent" && r.id === id))
    return { status: "skipped", reason: `no change ${id} in the journal` };
  if (records.some((r) => r.type === "revert" && r.id === id && r.ok && r.skipped === undefined))
    return { status: "skipped", reason: `change ${id} is already reverted or settled` };
  deps.journal.append({
    type: "revert",
    id,
    at: deps.clock(),
    by: "operator",
    pid: deps.pid,
    ok: true,
    settled: true,
  });
  return { status: "reverted", argv: [] };
}
