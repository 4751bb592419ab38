// The Linux single executable on its own: its version line, and the hidden
// watchdog mode it starts itself in (a single executable has no watchdog-main.js).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendRecord, type JournalRecord, readJournal } from "../../src/system/journal/journal.js";
import { add, intent, ok } from "../system/journal/journal-records.js";
import { LINUX_EXE, RELEASE, releaseSkipReason, runToFiles } from "./release-helpers.js";

const skip = releaseSkipReason(LINUX_EXE);

describe.skipIf(skip !== null)("dualhome-linux-x64", { timeout: 60_000 }, () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "dh-exe-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prints its version, the commit it was built from and the platform", () => {
    const r = runToFiles([LINUX_EXE, "--version"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(
      /^dualhome 0\.1\.0 \(commit ([0-9a-f]{7,}(-dirty)?|unknown), linux-x64\)$/,
    );
  });

  it("is listed in SHA256SUMS with the Windows one", () => {
    const sums = readFileSync(path.join(RELEASE, "SHA256SUMS"), "utf8");
    expect(sums).toMatch(/^[0-9a-f]{64} {2}dualhome-linux-x64$/m);
    expect(sums).toMatch(/^[0-9a-f]{64} {2}dualhome-win-x64\.exe$/m);
  });

  it("__watchdog: runs nothing that the journal alone says (a forged revert is refused and logged)", () => {
    const journal = path.join(dir, "journal.jsonl");
    const marker = path.join(dir, "reverted");
    // Reverts are rebuilt from the change, never taken from the journal: this one writes a
    // marker file if it ever runs. (The lab test sees the executable's watchdog revert a real route.)
    const rec: JournalRecord = {
      ...intent("w1", add("10.0.0.0/8"), Date.now(), { rollbackAt: Date.now(), host: hostname() }),
      revertArgv: [process.execPath, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`],
    };
    appendRecord(journal, rec);
    appendRecord(journal, ok("w1", Date.now()));
    const r = runToFiles([LINUX_EXE, "__watchdog", journal, "w1", String(Date.now())]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(readJournal(journal).records.at(-1)).toMatchObject({ type: "result", id: "w1" });
    expect(readFileSync(path.join(dir, "watchdog.log"), "utf8")).toMatch(
      /nothing to do: refused to revert w1: /,
    );
  });

  it("__watchdog with a bad argument: its usage line, exit 2, no stack trace", () => {
    const r = runToFiles([LINUX_EXE, "__watchdog", path.join(dir, "j"), "bad id", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("usage: watchdog-main <journal> <id> <deadline-epoch-ms>\n");
  });

  it("lab up refuses in one line (the lab's agents are scripts of their own); nothing is created", () => {
    const r = runToFiles([LINUX_EXE, "lab", "up", "--prefix", "dhnever"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "dualhome: lab up needs the npm package or a checkout (its agents are separate scripts): run node bin/dualhome.js lab up\n",
    );
    expect(runToFiles(["ip", "netns", "list"]).stdout).not.toContain("dhnever");
  });

  it("names itself in its hints: an unprivileged route add says to run sudo dualhome-linux-x64", () => {
    // A namespace of its own and an unprivileged user: even a wrong turn could change nothing of the host.
    const r = runToFiles(
      [
        "unshare",
        "-n",
        "setpriv",
        "--reuid=nobody",
        "--regid=nogroup",
        "--clear-groups",
        LINUX_EXE,
        ...["route", "add", "10.0.0.0/8", "--via", "127.0.0.2", "--dev", "lo", "--yes"],
      ],
      { DUALHOME_STATE_DIR: path.join(dir, "state") },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "needs root: run `sudo dualhome-linux-x64 route add 10.0.0.0/8 --via 127.0.0.2 --dev lo`",
    );
  });
});
