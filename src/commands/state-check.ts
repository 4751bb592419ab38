// Before a command that reads or writes the journal acts on it: a state
// directory that cannot be trusted stops it with one line (why, and how to fix
// it), instead of a warning followed by the same refusal from the journal.
import path from "node:path";
import { hostJournal } from "../app/change/wiring.js";
import { checkDir, processOwner, UnsafePathError } from "../system/journal/safe-open.js";
import { stateSubject } from "../system/journal/state-dir.js";
import { CliError, type Ctx } from "./context.js";

export function refuseUntrustedState(ctx: Ctx): void {
  const owner = processOwner();
  if (ctx.os === "windows" || owner === null) return;
  const dir = path.dirname(hostJournal(ctx.os, ctx.env).journalPath);
  try {
    checkDir(dir, owner, stateSubject(owner));
  } catch (e) {
    if (e instanceof UnsafePathError) throw new CliError(e.message, 2);
    throw e;
  }
}
