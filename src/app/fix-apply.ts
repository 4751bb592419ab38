// One step of the guided fix, for real. Route steps go through the change runner
// (validation, exact argv, impact, journal, verification, watchdog-held
// rollback); the expert extras run their argv pairs through the runner, with
// the revert held by this session.
import { analyze } from "../core/analyze.js";
import type { Policy } from "../core/policy.js";
import type { Platform } from "../system/platform.js";
import type { CommandRunner } from "../system/runner-types.js";
import { ValidationError } from "../system/validate.js";
import type { ChangeRunner, PreparedChange } from "./change-runner.js";
import type { FixEvent } from "./fix-machine.js";
import type { CommandPair, ConfirmView, PlanStep, StepRecord } from "./fix-types.js";

export interface StepDeps {
  platform: Platform;
  changes: ChangeRunner;
  runner: CommandRunner;
  rollbackAfterS: number;
  readOnly: boolean;
  privileged: boolean;
  self: string;
  clock: () => number;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

const rec = (r: Partial<StepRecord> & Pick<StepRecord, "status">): StepRecord => ({
  argv: [],
  message: "",
  id: null,
  persistence: null,
  at: null,
  ...r,
});

export function refusalOf(d: StepDeps, os: string): string | null {
  if (d.readOnly) return "read-only: nothing was changed";
  if (d.privileged) return null;
  return os === "windows"
    ? `needs an elevated console: run \`${d.self} fix\` as administrator`
    : `needs root: run \`sudo ${d.self} fix\``;
}

function commandsView(d: StepDeps, step: PlanStep): ConfirmView {
  const pairs = step.commands ?? [];
  return {
    argv: pairs.map((p) => p.argv),
    revert: pairs.map((p) => p.revert).reverse(),
    impact: [],
    operatorAffected: false,
    persistence: step.persistNote ?? "live only",
    ...(step.persistSnippet ? { snippet: step.persistSnippet } : {}),
    warnings: ["rules and kernel settings are not simulated: the impact is not known in advance"],
    refusal: refusalOf(d, d.platform.os),
    rollbackAfterS: d.rollbackAfterS,
  };
}

/** Prepares step `i` against a fresh poll; `keep` receives the prepared change for apply. */
export async function prepareStep(
  d: StepDeps,
  step: PlanStep,
  i: number,
  policy: Policy,
  keep: (p: PreparedChange) => void,
): Promise<FixEvent> {
  if (step.kind === "commands") return { type: "prepared", step: i, view: commandsView(d, step) };
  if (!step.change) return { type: "step-done", step: i, record: rec({ status: "skipped" }) };
  const snap = await d.platform.collect();
  const analysis = analyze(snap, { policy, policySource: "answers", now: d.clock() });
  const p = await d.changes.prepare(step.change, analysis);
  if (p instanceof ValidationError) {
    const done = /nothing to (add|delete)/.test(p.message);
    const record = rec({ status: done ? "already" : "failed", message: p.message, at: d.clock() });
    return done
      ? { type: "step-done", step: i, record }
      : { type: "step-done", step: i, record, stop: `step ${i + 1} could not be prepared: ${p.message}` };
  }
  keep(p);
  const view: ConfirmView = {
    argv: [p.argv, ...(p.persistArgv ? [p.persistArgv] : [])],
    revert: [p.revertArgv, ...(p.persistRevertArgv ? [p.persistRevertArgv] : [])],
    impact: p.impact,
    operatorAffected: p.operatorAffected,
    persistence: p.persistenceNote,
    ...(p.persistenceSnippet ? { snippet: p.persistenceSnippet } : {}),
    warnings: p.warnings,
    refusal: p.refusal,
    rollbackAfterS: d.rollbackAfterS,
  };
  return { type: "prepared", step: i, view };
}

export async function applyRoute(d: StepDeps, i: number, p: PreparedChange): Promise<FixEvent> {
  const out = await d.changes.apply(p, { rollbackAfterS: d.rollbackAfterS });
  const argv = [p.argv, ...(p.persistArgv ? [p.persistArgv] : [])];
  const at = d.clock();
  const message = [out.message, ...out.warnings].join("; ");
  if (out.status === "refused" || out.status === "failed") {
    const record = rec({ status: out.status, argv, message, id: out.id, at });
    return { type: "step-done", step: i, record, stop: `step ${i + 1}: ${out.message}` };
  }
  const persistence = {
    note: p.persistenceNote,
    ...(p.persistenceSnippet ? { snippet: p.persistenceSnippet } : {}),
  };
  const record = rec({ status: out.status, argv, message, id: out.id, at, persistence });
  return { type: "applied", step: i, record, rollbackAt: out.rollbackAt };
}

async function runPairs(runner: CommandRunner, pairs: readonly CommandPair[]): Promise<string | null> {
  const done: CommandPair[] = [];
  for (const p of pairs) {
    try {
      await runner.run(p.argv);
      done.push(p);
    } catch (e) {
      // Leave nothing half-done: undo what ran, newest first.
      for (const q of done.reverse()) await runner.run(q.revert).catch(() => undefined);
      return `${p.argv.join(" ")}: ${errorText(e)} (what had run was reverted)`;
    }
  }
  return null;
}

export async function applyCommands(d: StepDeps, step: PlanStep, i: number): Promise<FixEvent> {
  const pairs = step.commands ?? [];
  const argv = pairs.map((p) => p.argv);
  const at = d.clock();
  const refused = refusalOf(d, d.platform.os);
  if (refused)
    return { type: "step-done", step: i, record: rec({ status: "refused", argv, message: refused, at }) };
  const failed = await runPairs(d.runner, pairs);
  if (failed)
    return { type: "step-done", step: i, record: rec({ status: "failed", argv, message: failed, at }) };
  const persistence = {
    note: step.persistNote ?? "live only",
    ...(step.persistSnippet ? { snippet: step.persistSnippet } : {}),
  };
  const rollbackAt = d.rollbackAfterS > 0 ? at + d.rollbackAfterS * 1000 : null;
  const record = rec({ status: "applied", argv, message: "ran without error", at, persistence });
  return { type: "applied", step: i, record, rollbackAt };
}

/** Reverts an extra now (the operator said n, or its time ran out). */
export async function revertCommands(
  d: StepDeps,
  step: PlanStep,
  prior: StepRecord,
  by: string,
): Promise<StepRecord> {
  const reverts = (step.commands ?? []).map((p) => p.revert).reverse();
  const errors: string[] = [];
  for (const r of reverts)
    await d.runner.run(r).catch((e: unknown) => errors.push(`${r.join(" ")}: ${errorText(e)}`));
  const message = errors.length > 0 ? `revert by ${by} failed: ${errors.join("; ")}` : `reverted by ${by}`;
  return { ...prior, status: errors.length > 0 ? "failed" : "reverted", message, at: d.clock() };
}
