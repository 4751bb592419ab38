// Reverting a journaled change: the one path the watchdog, `undo` and the TUI's
// "revert now" share. The argv comes from the journal's intent record, written
// before the change ran, never from whoever asks for the revert.
import type { Journal, JournalRecord, RevertBy, RevertingRecord } from "./journal.js";
import { revertsOf } from "./journal-describe.js";
import { claimVerdict } from "./journal-queries.js";
import type { CommandRunner } from "./runner-types.js";

export interface RevertDeps {
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

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Claims the revert in the journal, runs it if the claim holds, and journals what happened. */
export async function revertChange(deps: RevertDeps, id: string, by: RevertBy): Promise<RevertOutcome> {
  const { journal, runner, clock, pid } = deps;
  const before = journal.read().records;
  const intent = before.find((r) => r.type === "intent" && r.id === id);
  if (intent?.type !== "intent") return { status: "skipped", reason: `no change ${id} in the journal` };

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

  const result = journal.read().records.find((r) => r.type === "result" && r.id === id);
  const persisted = result?.type === "result" && result.persisted === true;
  const reverts = revertsOf(intent);
  // An extra's reverts all run even when one fails: undoing half is better than undoing none.
  const errors: string[] = [];
  for (const argv of reverts) {
    try {
      await runner.run(argv);
    } catch (e) {
      errors.push(reverts.length > 1 ? `${argv.join(" ")}: ${errorText(e)}` : errorText(e));
      if (!intent.extra) break;
    }
  }
  if (errors.length > 0) {
    const error = errors.join("; ");
    settle({ ok: false, error });
    return { status: "failed", argv: intent.revertArgv, error };
  }
  let warning: string | undefined;
  if (persisted && intent.persistRevertArgv) {
    try {
      await runner.run(intent.persistRevertArgv);
    } catch (e) {
      warning = `the live route is reverted, but removing it from the saved configuration failed: ${errorText(e)}`;
    }
  }
  settle(warning ? { ok: true, error: warning } : { ok: true });
  return warning
    ? { status: "reverted", argv: intent.revertArgv, warning }
    : { status: "reverted", argv: intent.revertArgv };
}
