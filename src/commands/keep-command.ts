// `dualhome keep [id]`: keeps a change applied under auto-rollback (all waiting
// ones without an id), among those made in this host's network namespace where
// it runs. Exit 0 kept, 1 nothing to keep, too late or made elsewhere, 2 no such id.

import { journalStatus, keepChanges } from "../app/change/keep.js";
import { hostJournal } from "../app/change/wiring.js";
import { reportJournal } from "./change-cli.js";
import { CliError, type Ctx } from "./context.js";

export async function keepCommand(ctx: Ctx, id: string | undefined): Promise<number> {
  const { journal, here } = hostJournal(ctx.os, ctx.env);
  const st = journalStatus(journal, here, Date.now());
  reportJournal(ctx, { ...st, pending: [] });
  const out = keepChanges({ journal, clock: Date.now, pid: process.pid, here, self: ctx.self }, id);
  if (out.status === "kept") {
    ctx.out(`${out.message}\n`);
    return 0;
  }
  throw new CliError(out.message, out.status === "unknown" ? 2 : 1);
}
