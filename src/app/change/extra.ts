// A guided-fix extra (a source rule and its table, ARP or rp_filter sysctls)
// applied like a route change: refused when read-only or unprivileged, journaled
// before and after, its reverts held by the same detached watchdog, so they run
// even when the session that applied them dies; `undo` reverts it too.

import { errorText } from "../../core/errors.js";
import type { CommandRunner } from "../../system/exec/runner-types.js";
import { type ApplyOptions, type ApplyOutcome, outcome } from "./outcome.js";
import { type JournaledDeps, runJournaled } from "./run-journaled.js";
import { formatArgv } from "./text.js";

export interface ExtraChange {
  title: string;
  commands: readonly { argv: string[]; revert: string[] }[];
}

interface ExtraDeps extends JournaledDeps {
  runner: CommandRunner;
  refusal: (what: string, argv: readonly string[]) => string | null;
}

/** Runs the pairs in order; on a failure reverts what ran, newest first, and says so. */
async function runPairs(runner: CommandRunner, pairs: ExtraChange["commands"]): Promise<string | null> {
  const done: ExtraChange["commands"][number][] = [];
  for (const p of pairs) {
    try {
      await runner.run(p.argv);
      done.push(p);
    } catch (e) {
      const undone: string[] = [];
      for (const q of done.reverse())
        await runner
          .run(q.revert)
          .catch((err: unknown) => undone.push(`${formatArgv(q.revert)}: ${errorText(err)}`));
      const after =
        undone.length > 0
          ? `reverting what had run failed: ${undone.join("; ")}`
          : "what had run was reverted";
      return `${formatArgv(p.argv)}: ${errorText(e)} (${after})`;
    }
  }
  return null;
}

export async function applyExtra(
  d: ExtraDeps,
  x: ExtraChange,
  opts: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const first = x.commands[0];
  const last = x.commands[x.commands.length - 1];
  if (!first || !last) return outcome({ status: "failed", message: "nothing to run" });
  const refused = d.refusal("fix", first.argv);
  if (refused) return outcome({ status: "refused", message: refused });
  const commands = x.commands.map((c) => ({ argv: [...c.argv], revert: [...c.revert] }));
  const j = await runJournaled(
    d,
    {
      extra: { title: x.title, commands },
      argv: first.argv,
      revertArgv: last.revert,
      ...(opts.group ? { group: opts.group } : {}),
    },
    opts.rollbackAfterS ?? 0,
    async () => {
      const failed = await runPairs(d.runner, x.commands);
      if (failed) throw new Error(failed);
      return { persisted: false, warnings: [] };
    },
  );
  if (!j.ok) return j.outcome;
  return outcome({
    status: "applied",
    id: j.id,
    rollbackAt: j.rollbackAt,
    watchdogPid: j.watchdogPid,
    warnings: j.ran.warnings,
    message: "ran without error",
  });
}
