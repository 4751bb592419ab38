// `dualhome undo [--yes]`: reverts the newest applied change of this host, from
// the journal, after showing the command and its impact.
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

export async function undoCommand(
  ctx: Ctx,
  o: { yes?: boolean },
  g: ChangeGlobals,
  deps: ChangeCliDeps = defaultChangeDeps(ctx),
): Promise<number> {
  const platform = await deps.platform(ctx);
  try {
    const changes = deps.changes(ctx, platform, !!g.readOnly);
    reportJournal(ctx, changes.status());
    const p = changes.prepareUndo(await currentAnalysis(platform, g.policy));
    if (!p.ok) throw new CliError(p.reason, 1);
    ctx.out(`undo ${p.description}\n`);
    printPlan(ctx, { commands: p.commands, revert: [], impact: p.impact, warnings: [] });
    if (p.refusal) throw new CliError(p.refusal, 1);
    if (!o.yes) {
      const q = p.operatorAffected ? "This may cut your own session. Undo anyway?" : "Undo?";
      if (!(await confirm(ctx, deps, q))) throw new CliError("cancelled: nothing was changed", 1);
    }
    const out = await changes.undo(p);
    for (const w of out.warnings) ctx.err(`dualhome: warning: ${w}\n`);
    if (out.status === "reverted") {
      ctx.out(`${out.message}\n`);
      return 0;
    }
    throw new CliError(out.message, out.status === "failed" ? 2 : 1);
  } finally {
    await platform.close?.();
  }
}
