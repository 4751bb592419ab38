// Guided-fix extras (rules, sysctls) go through the journal and the watchdog
// like route changes: intent before, result after, reverts newest first.
import { describe, expect, it } from "vitest";
import { type ChangeRunnerDeps, createChangeRunner } from "../../../src/app/change/runner.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import { type JournalRecord, memoryJournal, parseJournal } from "../../../src/system/journal/journal.js";
import { journalEntries } from "../../../src/system/journal/queries.js";
import { runWatchdog } from "../../../src/system/journal/watchdog.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { baseRoutes, tablePlatform } from "./world.js";

const ARP = {
  title: "ARP: each card answers only for its own address",
  commands: [
    {
      argv: ["sysctl", "-w", "net.ipv4.conf.all.arp_ignore=1"],
      revert: ["sysctl", "-w", "net.ipv4.conf.all.arp_ignore=0"],
    },
    {
      argv: ["sysctl", "-w", "net.ipv4.conf.all.arp_announce=2"],
      revert: ["sysctl", "-w", "net.ipv4.conf.all.arp_announce=0"],
    },
  ],
};
const [IGNORE, ANNOUNCE] = ARP.commands as [(typeof ARP.commands)[0], (typeof ARP.commands)[0]];

function setup(over: Partial<ChangeRunnerDeps> = {}) {
  const runner = new FakeRunner();
  const journal = memoryJournal();
  const spawned: string[] = [];
  const changes = createChangeRunner({
    platform: tablePlatform(baseRoutes()),
    runner,
    journal,
    spawnWatchdog: (id) => {
      // The watchdog holds the revert before anything runs.
      spawned.push(`${id} after ${runner.calls.length} commands`);
      return 99;
    },
    clock: () => 1_000,
    readOnly: false,
    privileged: true,
    host: "srv",
    user: "root",
    newId: () => "x1",
    pid: 7,
    ...over,
  });
  return { runner, journal, spawned, changes };
}

const types = (rs: JournalRecord[]) => rs.map((r) => r.type);

describe("applyExtra", () => {
  it("journals the intent with every command and its revert, starts the watchdog first, then runs them in order", async () => {
    const { runner, journal, spawned, changes } = setup();
    runner.expect(IGNORE.argv, {}).expect(ANNOUNCE.argv, {});
    const out = await changes.applyExtra(ARP, { rollbackAfterS: 60 });
    expect(out).toMatchObject({ status: "applied", id: "x1", rollbackAt: 61_000, watchdogPid: 99 });
    runner.assertDone();
    expect(spawned).toEqual(["x1 after 0 commands"]);
    const [intent, result] = journal.read().records;
    expect(intent).toMatchObject({
      type: "intent",
      extra: ARP,
      argv: IGNORE.argv,
      revertArgv: ANNOUNCE.revert,
    });
    expect(intent && "change" in intent && intent.change).toBeFalsy();
    expect(result).toMatchObject({ type: "result", ok: true });
    // A journal line written by one process is read back by another (the watchdog): round-trip it.
    const text = journal
      .read()
      .records.map((r) => JSON.stringify(r))
      .join("\n");
    expect(parseJournal(`${text}\n`)).toEqual({ records: journal.read().records, warnings: [] });
  });

  it("a failing command: what ran is reverted at once, the result is a failure, nothing is left for undo", async () => {
    const { runner, journal, changes } = setup();
    runner
      .expect(IGNORE.argv, {})
      .expect(ANNOUNCE.argv, new CommandError("sysctl failed: permission denied", "failed", ANNOUNCE.argv))
      .expect(IGNORE.revert, {});
    const out = await changes.applyExtra(ARP);
    expect(out.status).toBe("failed");
    expect(out.message).toMatch(
      /arp_announce=2: sysctl failed: permission denied \(what had run was reverted\)/,
    );
    runner.assertDone();
    expect(types(journal.read().records)).toEqual(["intent", "result"]);
    expect(changes.prepareUndo()).toMatchObject({ ok: false });
  });

  it("read-only or unprivileged: refused, nothing runs, nothing is journaled", async () => {
    for (const over of [{ readOnly: true }, { privileged: false }]) {
      const { runner, journal, changes } = setup(over);
      const out = await changes.applyExtra(ARP);
      expect(out.status).toBe("refused");
      expect(out.message).toMatch(over.readOnly ? /read-only/ : /needs root: run `sudo dualhome fix`/);
      expect(runner.calls).toEqual([]);
      expect(journal.read().records).toEqual([]);
    }
  });
});

describe("an extra in the journal", () => {
  it("undo shows and runs every revert, newest first, and the journal says reverted", async () => {
    const { runner, journal, changes } = setup();
    runner.expect(IGNORE.argv, {}).expect(ANNOUNCE.argv, {});
    await changes.applyExtra(ARP);
    const p = changes.prepareUndo();
    if (!p.ok) throw new Error(p.reason);
    expect(p.commands).toEqual([ANNOUNCE.revert, IGNORE.revert]);
    expect(p.description).toContain(ARP.title);
    expect(p.change).toBeNull();
    runner.expect(ANNOUNCE.revert, {}).expect(IGNORE.revert, {});
    const out = await changes.undo(p);
    expect(out).toMatchObject({ status: "reverted", message: `reverted: ${ARP.title}` });
    expect(runner.calls.slice(2)).toEqual([ANNOUNCE.revert, IGNORE.revert]);
    expect(journalEntries(journal.read().records, 2_000)[0]?.status).toBe("reverted");
  });

  it("the watchdog reverts it at the deadline; one failing revert does not stop the others", async () => {
    const { runner, journal, changes } = setup();
    runner.expect(IGNORE.argv, {}).expect(ANNOUNCE.argv, {});
    await changes.applyExtra(ARP, { rollbackAfterS: 5 });
    runner
      .expect(ANNOUNCE.revert, new CommandError("sysctl failed: busy", "failed", ANNOUNCE.revert))
      .expect(IGNORE.revert, {});
    let now = 1_000;
    const out = await runWatchdog(
      {
        journal,
        runner,
        clock: () => now,
        sleep: async (ms) => {
          now += ms;
        },
        pid: 8,
      },
      "x1",
      6_000,
    );
    expect(out.status).toBe("failed");
    expect(out.status === "failed" && out.error).toMatch(/arp_announce=0: sysctl failed: busy/);
    runner.assertDone();
    expect(journalEntries(journal.read().records, now)[0]?.status).toBe("revert-failed");
  });

  it("kept with k: the watchdog leaves it alone", async () => {
    const { runner, journal, changes } = setup();
    runner.expect(IGNORE.argv, {}).expect(ANNOUNCE.argv, {});
    await changes.applyExtra(ARP, { rollbackAfterS: 5 });
    expect(changes.keep("x1").status).toBe("kept");
    const out = await runWatchdog(
      { journal, runner, clock: () => 9_000, sleep: async () => {}, pid: 8 },
      "x1",
      6_000,
    );
    expect(out).toMatchObject({ status: "skipped" });
    expect(runner.calls).toHaveLength(2);
  });
});
