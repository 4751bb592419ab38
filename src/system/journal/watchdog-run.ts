// The rollback watchdog's process: `<journal.jsonl> <change id> <deadline epoch ms>`.
// Entered from watchdog-main.ts (tsc build) or from the single executable's hidden
// `__watchdog` mode. It takes nothing else from its argv: the revert is rebuilt
// from the journal's records for that id, written before the change ran.

import path from "node:path";
import { errorText } from "../../core/errors.js";
import { createRunner } from "../exec/runner.js";
import { hostName } from "../host.js";
import { netnsIdentity } from "../netns-identity.js";
import { fileJournal } from "./journal.js";
import { checkDir, closeQuietly, openOwned, processOwner } from "./safe-open.js";
import { stateSubject } from "./state-dir.js";
import { runWatchdog } from "./watchdog.js";
import { writeAll } from "./write-fault.js";

/** Runs the watchdog for argv (without node and script) and returns the exit code. */
export async function watchdogMain(args: readonly string[]): Promise<number> {
  const [journalPath = "", id = "", atText = ""] = args;
  const at = Number(atText);
  // Its own log next to the journal: stdio is ignored, nobody is there to read it.
  // Checked like the journal: root must not append through a link someone planted.
  const logFile = path.join(path.dirname(journalPath), "watchdog.log");
  const owner = processOwner();
  const log = (line: string) => {
    try {
      if (!checkDir(path.dirname(logFile), owner, stateSubject(owner))) return;
      const fd = openOwned(logFile, "append", owner, stateSubject(owner, "watchdog log")) as number;
      try {
        writeAll(fd, Buffer.from(`${new Date().toISOString()} watchdog ${process.pid} ${id}: ${line}\n`));
      } finally {
        closeQuietly(fd);
      }
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
        here: { host: hostName(), netns: netnsIdentity() },
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
    log(`error: ${errorText(e)}`);
    return 2;
  }
}
