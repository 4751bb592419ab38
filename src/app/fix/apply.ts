// One step of the guided fix, for real. Route steps go through the change runner
// (validation, exact argv, impact, journal, verification, watchdog-held
// rollback); the expert extras go through its applyExtra: journaled and
// watchdog-held the same way, without the table verification.
import { analyze } from "../../core/analyze.js";
import type { Policy } from "../../core/policy.js";
import { ValidationError } from "../../core/route-change.js";
import type { Platform } from "../../system/platform.js";
import type { ChangeRunner, PreparedChange } from "../change/runner.js";
import type { FixEvent } from "./machine.js";
import type { ConfirmView, PlanStep, StepRecord } from "./types.js";

export interface StepDeps {
  platform: Platform;
  changes: ChangeRunner;
  rollbackAfterS: number;
  /** Without a rollback, how a change is undone, when not by `dualhome undo` (the demo). */
  undoWith?: string;
  readOnly: boolean;
  privileged: boolean;
  self: string;
  clock: () => number;
  /** Journaled with every step, so that `undo` can revert the whole fix at once. */
  group?: string;
}

const applyOptions = (d: StepDeps) => ({
  rollbackAfterS: d.rollbackAfterS,
  ...(d.group ? { group: d.group } : {}),
});

const rec = (r: Partial<StepRecord> & Pick<StepRecord, "status">): StepRecord => ({
  argv: [],
  message: "",
  id: null,
  persistence: null,
  at: null,
  ...r,
});

function refusalOf(d: StepDeps, os: string): string | null {
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
    ...(d.undoWith ? { undoWith: d.undoWith } : {}),
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
    ...(d.undoWith ? { undoWith: d.undoWith } : {}),
  };
  return { type: "prepared", step: i, view };
}

export async function applyRoute(d: StepDeps, i: number, p: PreparedChange): Promise<FixEvent> {
  const out = await d.changes.apply(p, applyOptions(d));
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

export async function applyCommands(d: StepDeps, step: PlanStep, i: number): Promise<FixEvent> {
  const pairs = step.commands ?? [];
  const argv = pairs.map((p) => p.argv);
  const refused = refusalOf(d, d.platform.os);
  if (refused)
    return {
      type: "step-done",
      step: i,
      record: rec({ status: "refused", argv, message: refused, at: d.clock() }),
    };
  const out = await d.changes.applyExtra({ title: step.title, commands: pairs }, applyOptions(d));
  const at = d.clock();
  if (out.status !== "applied") {
    const record = rec({
      status: out.status === "refused" ? "refused" : "failed",
      argv,
      message: out.message,
      id: out.id,
      at,
    });
    return { type: "step-done", step: i, record };
  }
  const persistence = {
    note: step.persistNote ?? "live only",
    ...(step.persistSnippet ? { snippet: step.persistSnippet } : {}),
  };
  const record = rec({ status: "applied", argv, message: out.message, id: out.id, at, persistence });
  return { type: "applied", step: i, record, rollbackAt: out.rollbackAt };
}
