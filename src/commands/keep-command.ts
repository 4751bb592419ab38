// `dualhome keep [id]`: keeps a change applied under auto-rollback (all waiting
// ones without an id). Exit 0 kept, 1 nothing to keep or too late, 2 no such id.
import { hostJournal } from "../app/change-host.js";
import { journalStatus, keepChanges } from "../app/change-journal.js";
import { reportJournal } from "./change-cli.js";
import { CliError, type Ctx } from "./context.js";

export async function keepCommand(ctx: Ctx, id: string | undefined): Promise<number> {
  const { journal, host } = hostJournal(ctx.os, ctx.env);
  const st = journalStatus(journal, host, Date.now());
  reportJournal(ctx, { ...st, pending: [] });
  const out = keepChanges({ journal, clock: Date.now, pid: process.pid, host }, id);
  if (out.status === "kept") {
    ctx.out(`${out.message}\n`);
    return 0;
  }
  throw new CliError(out.message, out.status === "unknown" ? 2 : 1);
}
