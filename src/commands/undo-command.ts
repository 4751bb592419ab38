// `dualhome undo [id] [--yes] [--only] [--settle]`: reverts change `id` (else the newest
// applied change made here), from the journal, after showing the commands and
// their impact. A change that is a step of a guided fix brings the whole fix
// along, newest step first, unless --only: one run undoes a five-step fix.
import type { ChangeRunner, PreparedUndo, UndoOutcome } from "../app/change/runner.js";
import {
  type ChangeCliDeps,
  confirm,
  currentAnalysis,
  defaultChangeDeps,
  printPlan,
  reportJournal,
} from "./change-cli.js";
import { CliError, type Ctx } from "./context.js";
import type { ChangeGlobals } from "./route-command.js";

export interface UndoOptions {
  yes?: boolean;
  /** Of a guided fix, only this change. */
  only?: boolean;
  id?: string | undefined;
  /** The revert of `id` failed or was cut off and the operator put it right by hand. */
  settle?: boolean;
}

function verdict(ctx: Ctx, steps: readonly PreparedUndo[], outs: readonly UndoOutcome[]): number {
  const many = steps.length > 1;
  for (const out of outs) {
    for (const w of out.warnings) ctx.err(`dualhome: warning: ${w}\n`);
    if (out.status === "reverted") ctx.out(`${many ? `${out.id}: ` : ""}${out.message}\n`);
  }
  const last = outs[outs.length - 1];
  if (last?.status === "reverted" && outs.length === steps.length) return 0;
  const left = steps.slice(outs.length - 1).map((s) => s.id);
  const hint =
    last?.status === "failed" && last.id
      ? `; once you have put it right by hand, \`${ctx.self} undo ${last.id} --settle\` records that`
      : "";
  const rest = many
    ? ` (${outs.length - 1} of ${steps.length} reverted; still applied: ${left.join(", ")})`
    : "";
  throw new CliError(
    `${last?.message ?? "nothing was reverted"}${rest}${hint}`,
    last?.status === "failed" ? 2 : 1,
  );
}

/** Journals a change whose revert failed as put right by hand: nothing runs, undo moves past it. */
async function settle(
  ctx: Ctx,
  changes: ChangeRunner,
  id: string,
  o: UndoOptions,
  deps: ChangeCliDeps,
): Promise<number> {
  const e = changes.entry(id);
  if (e) ctx.out(`settle ${id}: ${e.status}${e.detail ? ` (${e.detail})` : ""}\n`);
  if (!o.yes && !(await confirm(ctx, deps, `Is ${id} put right by hand? Nothing will run`)))
    throw new CliError("cancelled: the journal is unchanged", 1);
  const out = changes.settle(id);
  if (out.status !== "reverted") throw new CliError(out.message, out.status === "failed" ? 2 : 1);
  ctx.out(`${out.message}\n`);
  return 0;
}

export async function undoCommand(
  ctx: Ctx,
  o: UndoOptions,
  g: ChangeGlobals,
  deps: ChangeCliDeps = defaultChangeDeps(ctx),
): Promise<number> {
  if (o.settle && !o.id)
    throw new CliError(`--settle needs the id of the change (see \`${ctx.self} journal\`)`, 1);
  const platform = await deps.platform(ctx);
  try {
    const changes = deps.changes(ctx, platform, !!g.readOnly);
    if (o.settle && o.id) return settle(ctx, changes, o.id, o, deps);
    reportJournal(ctx, changes.status());
    const analysis = await currentAnalysis(platform, g.policy);
    const p = changes.prepareUndo(analysis, o.id);
    if (!p.ok) throw new CliError(p.reason, 1);
    const group = o.only ? null : changes.prepareGroup(p, analysis);
    const steps = group && group.steps.length > 1 ? group.steps : [p];
    if (group && steps.length > 1) {
      ctx.out(
        `${p.id} is a step of guided fix ${group.group}: undo reverts its ${steps.length} applied changes, ` +
          `newest first (\`${ctx.self} undo ${p.id} --only\` reverts just this one):\n`,
      );
      for (const s of steps) ctx.out(`  undo ${s.description}\n`);
    } else ctx.out(`undo ${p.description}\n`);
    const impact = steps.length > 1 && group ? group.impact : p.impact;
    printPlan(ctx, { commands: steps.flatMap((s) => s.commands), revert: [], impact, warnings: [] });
    if (p.refusal) throw new CliError(p.refusal, 1);
    if (!o.yes) {
      const what = steps.length > 1 ? `Undo the whole fix (${steps.length} changes)` : "Undo";
      const cut = steps.length > 1 && group ? group.operatorAffected : p.operatorAffected;
      const q = cut ? `This may cut your own session. ${what} anyway?` : `${what}?`;
      if (!(await confirm(ctx, deps, q))) throw new CliError("cancelled: nothing was changed", 1);
    }
    return verdict(ctx, steps, await changes.undoAll(steps));
  } finally {
    await platform.close?.();
  }
}
