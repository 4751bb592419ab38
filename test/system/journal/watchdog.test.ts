import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appendRecord,
  type JournalRecord,
  memoryJournal,
  readJournal,
} from "../../../src/system/journal/journal.js";
import { runWatchdog, watchdogArgv } from "../../../src/system/journal/watchdog.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { add, exactDel, expectRevert, failed, intent, kernelJson, ok, showExact } from "./journal-records.js";

function fakeTime(start = 0) {
  let now = start;
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

const WITH_ROLLBACK = () => intent("a", add("10.0.0.0/8"), 1, { rollbackAt: 5_000 });

describe("runWatchdog", () => {
  it("reverts at the deadline with the revert rebuilt from the journal, and journals it", async () => {
    const journal = memoryJournal([WITH_ROLLBACK(), ok("a", 2)]);
    const runner = expectRevert(new FakeRunner(), "10.0.0.0/8");
    const t = fakeTime();
    const out = await runWatchdog({ journal, runner, ...t, pid: 42 }, "a", 5_000);
    expect(out.status).toBe("reverted");
    expect(t.clock()).toBe(5_000);
    runner.assertDone();
    expect(journal.read().records.slice(2)).toEqual([
      { type: "reverting", id: "a", at: 5_000, by: "watchdog", pid: 42 },
      { type: "revert", id: "a", at: 5_000, by: "watchdog", pid: 42, ok: true },
    ]);
  });

  it("a change made in another network namespace is not reverted here: nothing runs, nothing is journaled", async () => {
    const journal = memoryJournal([WITH_ROLLBACK(), ok("a", 2)]);
    const runner = new FakeRunner();
    const here = { host: "srv", netns: { id: "net:[4026532201]", name: "lab-x", isInitial: false } };
    const out = await runWatchdog({ journal, runner, ...fakeTime(), pid: 42, here }, "a", 5_000);
    expect(out).toEqual({
      status: "skipped",
      reason: "change a was made elsewhere (srv, network namespace initial): not reverted here",
    });
    expect(runner.calls).toEqual([]);
    expect(journal.read().records).toHaveLength(2);
  });

  it("a keep lets it go early: no command, nothing journaled", async () => {
    const journal = memoryJournal([WITH_ROLLBACK(), ok("a", 2)]);
    const runner = new FakeRunner();
    const t = fakeTime();
    let slept = 0;
    const sleep = async (ms: number) => {
      slept++;
      await t.sleep(ms);
      if (slept === 2) journal.append({ type: "keep", id: "a", at: t.clock(), pid: 3 });
    };
    const out = await runWatchdog({ journal, runner, clock: t.clock, sleep, pid: 42 }, "a", 5_000);
    expect(out).toEqual({ status: "skipped", reason: "change a is kept" });
    expect(t.clock()).toBeLessThan(5_000);
    expect(runner.calls).toEqual([]);
    expect(journal.read().records.map((r) => r.type)).toEqual(["intent", "result", "keep"]);
  });

  it("still reverts when the applier died before writing its result", async () => {
    const journal = memoryJournal([WITH_ROLLBACK()]);
    const runner = expectRevert(new FakeRunner(), "10.0.0.0/8");
    const out = await runWatchdog({ journal, runner, ...fakeTime(), pid: 1 }, "a", 5_000);
    expect(out.status).toBe("reverted");
  });

  it("does nothing for a change that failed to apply", async () => {
    const journal = memoryJournal([WITH_ROLLBACK(), failed("a", 2)]);
    const runner = new FakeRunner();
    const out = await runWatchdog({ journal, runner, ...fakeTime(), pid: 1 }, "a", 5_000);
    expect(out.status).toBe("skipped");
    expect(runner.calls).toEqual([]);
  });

  it("also takes a persisted change out of NetworkManager", async () => {
    const persistRevertArgv = [
      "nmcli",
      "connection",
      "modify",
      "Wired connection 2",
      "-ipv4.routes",
      "10.0.0.0/8 192.168.1.254",
    ];
    const journal = memoryJournal([
      {
        ...WITH_ROLLBACK(),
        persistArgv: [...persistRevertArgv.slice(0, 4), "+ipv4.routes", "10.0.0.0/8 192.168.1.254"],
        persistRevertArgv,
      },
      { type: "result", id: "a", at: 2, ok: true, persisted: true },
    ]);
    const runner = expectRevert(new FakeRunner(), "10.0.0.0/8").expect(persistRevertArgv, {});
    expect((await runWatchdog({ journal, runner, ...fakeTime(), pid: 1 }, "a", 5_000)).status).toBe(
      "reverted",
    );
    runner.assertDone();
  });

  it("a failing revert is journaled as failed with the command's words", async () => {
    const journal = memoryJournal([WITH_ROLLBACK(), ok("a", 2)]);
    const runner = expectRevert(new FakeRunner(), "10.0.0.0/8", {
      exitCode: 2,
      stderr: "RTNETLINK answers: No such process\n",
    }).expect(showExact("10.0.0.0/8"), { stdout: kernelJson("10.0.0.0/8") });
    const out = await runWatchdog({ journal, runner, ...fakeTime(), pid: 1 }, "a", 5_000);
    expect(out.status).toBe("failed");
    expect(journal.read().records.at(-1)).toMatchObject({
      type: "revert",
      ok: false,
      error: expect.stringContaining("No such process"),
    });
  });
});

// The compiled watchdog as a real detached process (npm run build first). The revert
// command here is `node -e` writing a marker file: nothing on the network is touched.
const MAIN = path.resolve("dist/src/system/journal/watchdog-main.js");

describe("the detached watchdog process", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "dh-watchdog-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("survives kill -9 of the process that started it, and reverts from the journal", async () => {
    expect(existsSync(MAIN), "run `npm run build` first").toBe(true);
    const journalPath = path.join(dir, "journal.jsonl");
    const marker = path.join(dir, "reverted");
    const at = Date.now() + 1500;
    // The revert is rebuilt, never taken from the journal: an `ip` of the test's own, first on
    // PATH, records what the watchdog runs (and nothing touches this host's routes).
    const bin = path.join(dir, "bin");
    mkdirSync(bin);
    const found = kernelJson("10.0.0.0/8");
    const answer = `case "$*" in *"-json route show"*) echo '${found}';; *) echo "$@" > ${JSON.stringify(marker)};; esac`;
    writeFileSync(path.join(bin, "ip"), `#!/bin/sh\n${answer}\n`, { mode: 0o755 });
    const rec: JournalRecord = intent("w1", add("10.0.0.0/8"), Date.now(), {
      rollbackAt: at,
      host: hostname(),
    });
    appendRecord(journalPath, rec);
    appendRecord(journalPath, ok("w1", Date.now()));
    // A parent that starts the watchdog the way the CLI does, then waits to be killed.
    const spawner = path.resolve("dist/src/system/journal/watchdog.js");
    const script = `import(${JSON.stringify(spawner)}).then((m) => {
      const pid = m.detachedWatchdogSpawner(${JSON.stringify(journalPath)}, { mainPath: ${JSON.stringify(MAIN)} })("w1", ${at});
      process.stdout.write(String(pid) + "\\n");
      setInterval(() => {}, 1000);
    });`;
    const parent = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}` },
    });
    const watchdogPid = await new Promise<number>((resolve) =>
      parent.stdout.once("data", (d) => resolve(Number(String(d).trim()))),
    );
    expect(watchdogPid).toBeGreaterThan(0);
    const exited = new Promise<string | null>((resolve) => parent.once("exit", (_c, sig) => resolve(sig)));
    parent.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const deadline = Date.now() + 15_000;
    while (!existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(marker)).toBe(true);
    expect(readFileSync(marker, "utf8")).toBe(`${exactDel("10.0.0.0/8").slice(1).join(" ")}\n`);
    while (readJournal(journalPath).records.at(-1)?.type !== "revert" && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(readJournal(journalPath).records.at(-1)).toMatchObject({
      type: "revert",
      id: "w1",
      by: "watchdog",
      ok: true,
      pid: watchdogPid,
    });
  });

  it("takes nothing but the journal, the id and the deadline on its command line", () => {
    expect(watchdogArgv("/s/journal.jsonl", "ab12", 1234.4, "/usr/bin/node", "/x/watchdog-main.js")).toEqual([
      "/usr/bin/node",
      "/x/watchdog-main.js",
      "/s/journal.jsonl",
      "ab12",
      "1234",
    ]);
  });
});
