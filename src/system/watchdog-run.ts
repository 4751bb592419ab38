// The rollback watchdog's process: `<journal.jsonl> <change id> <deadline epoch ms>`.
// Entered from watchdog-main.ts (tsc build) or from the single executable's hidden
// `__watchdog` mode. It takes nothing else from its argv: the revert command is read
// from the journal's intent record for that id, written before the change ran.
import { appendFileSync } from "node:fs";
import path from "node:path";
import { fileJournal } from "./journal.js";
import { createRunner } from "./runner.js";
import { runWatchdog } from "./watchdog.js";

/** Runs the watchdog for argv (without node and script) and returns the exit code. */
export async function watchdogMain(args: readonly string[]): Promise<number> {
  const [journalPath = "", id = "", atText = ""] = args;
  const at = Number(atText);
  // Its own log next to the journal: stdio is ignored, nobody is there to read it.
  const logFile = path.join(path.dirname(journalPath), "watchdog.log");
  const log = (line: string) => {
    try {
      appendFileSync(logFile, `${new Date().toISOString()} watchdog ${process.pid} ${id}: ${line}\n`, {
        mode: 0o600,
      });
    } catch {
      // a log that cannot be written must not stop the revert
    }
  };

  if (!journalPath || !/^[A-Za-z0-9-]{1,64}$/.test(id) || !/^\d{1,16}$/.test(atText)) {
    process.stderr.write("usage: watchdog-main <journal> <id> <deadline-epoch-ms>\n");
    return 2;
  }

  log(`waiting until ${new Date(at).toISOString()}`);
  try {
    const outcome = await runWatchdog(
      {
        journal: fileJournal(journalPath),
        runner: createRunner(),
        clock: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        pid: process.pid,
      },
      id,
      at,
    );
    if (outcome.status === "reverted")
      log(`reverted: ${outcome.argv.join(" ")}${outcome.warning ? ` (${outcome.warning})` : ""}`);
    else if (outcome.status === "skipped") log(`nothing to do: ${outcome.reason}`);
    else log(`revert failed: ${outcome.error}`);
    return outcome.status === "failed" ? 1 : 0;
  } catch (e) {
    log(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}
