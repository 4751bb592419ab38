// `dualhome journal --tidy [--yes]`: removes the journal lines that every command
// warns about (damaged, torn, unknown to this version), after saying which and
// asking; the file as it was is kept as journal.jsonl.bak.
import { hostJournal } from "../app/change/wiring.js";
import { errorText } from "../core/errors.js";
import { applyTidy, planTidy, type TidyPlan } from "../system/journal/tidy.js";
import { type ChangeCliDeps, confirm, defaultChangeDeps } from "./change-cli.js";
import { CliError, type Ctx } from "./context.js";

export async function journalTidyCommand(
  ctx: Ctx,
  o: { yes?: boolean },
  deps: Pick<ChangeCliDeps, "ask"> = defaultChangeDeps(ctx),
): Promise<number> {
  const { journalPath } = hostJournal(ctx.os, ctx.env);
  let plan: TidyPlan | null;
  try {
    plan = planTidy(journalPath);
  } catch (e) {
    throw new CliError(errorText(e));
  }
  if (plan === null || plan.dropped.length === 0) {
    ctx.out(`the journal ${journalPath} has no damaged lines: nothing to tidy\n`);
    return 0;
  }
  const n = plan.dropped.length;
  ctx.out(
    `tidy ${journalPath}: remove ${n} line${n === 1 ? "" : "s"} this version cannot use, keep ${plan.kept} record${plan.kept === 1 ? "" : "s"}; the file as it is now is kept as ${plan.backup}\n`,
  );
  for (const d of plan.dropped) ctx.out(`  line ${d.line}: ${d.why}\n`);
  if (!o.yes && !(await confirm(ctx, { ...defaultChangeDeps(ctx), ...deps }, "Tidy the journal?")))
    throw new CliError("cancelled: the journal was not changed", 1);
  try {
    applyTidy(plan);
  } catch (e) {
    throw new CliError(errorText(e));
  }
  ctx.out(`tidied: ${journalPath} (the previous file is ${plan.backup})\n`);
  return 0;
}
