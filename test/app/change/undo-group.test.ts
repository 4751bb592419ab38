// undo <id>, a guided fix undone as a whole, keep and undo of a change made in
// another network namespace, and what a change started while another counts
// down says: the change runner over a journal, with a strict fake runner.
import { describe, expect, it } from "vitest";
import { createChangeRunner } from "../../../src/app/change/runner.js";
import { type Journal, type JournalRecord, memoryJournal } from "../../../src/system/journal/journal.js";
import type { NetnsIdentity } from "../../../src/system/netns-identity.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { add, expectRevert, intent, ok } from "../../system/journal/journal-records.js";
import { ADD_10, prepared, setup, WITH_10 } from "./runner-setup.js";
import { baseRoutes, route, tablePlatform } from "./world.js";

const HOST_NS: NetnsIdentity = { id: "net:[4026531840]", name: null, isInitial: true };
const LAB = { id: "net:[4026532201]", name: "lab-x" };

function changesOn(journal: Journal, runner: FakeRunner, netns: NetnsIdentity = HOST_NS) {
  return createChangeRunner({
    platform: tablePlatform(baseRoutes()),
    runner,
    journal,
    spawnWatchdog: () => 7,
    clock: () => 1_000,
    readOnly: false,
    privileged: true,
    host: "srv",
    netns,
    pid: 5,
  });
}

const fix = (): JournalRecord[] => [
  intent("z", add("10.9.0.0/16"), 1),
  ok("z", 2),
  intent("a", add("10.0.0.0/8"), 3, { group: "fix-1" }),
  ok("a", 4),
  intent("b", add("172.16.0.0/12"), 5, { group: "fix-1" }),
  ok("b", 6),
  intent("c", add("192.168.0.0/16"), 7, { group: "fix-1" }),
  ok("c", 8),
  intent("l", add("10.7.0.0/16"), 9, { netns: LAB, rollbackAt: 60_000 }),
  ok("l", 10),
];

describe("undo <id> and a whole fix", () => {
  it("undo of any step offers every undoable step of its fix, newest first, and reverts them in one go", async () => {
    const journal = memoryJournal(fix());
    const runner = expectRevert(
      expectRevert(expectRevert(new FakeRunner(), "192.168.0.0/16"), "172.16.0.0/12"),
      "10.0.0.0/8",
    );
    const changes = changesOn(journal, runner);
    const p = changes.prepareUndo(undefined, "a");
    if (!p.ok) throw new Error(p.reason);
    const g = changes.prepareGroup(p);
    expect(g.group).toBe("fix-1");
    expect(g.steps.map((s) => s.id)).toEqual(["c", "b", "a"]);
    const outs = await changes.undoAll(g.steps);
    expect(outs.map((o) => o.status)).toEqual(["reverted", "reverted", "reverted"]);
    runner.assertDone();
    // The change made before the fix is next.
    const next = changesOn(journal, new FakeRunner()).prepareUndo();
    expect(next.ok && next.id).toBe("z");
  });

  it("stops at the first step that is not reverted and leaves the older ones", async () => {
    const journal = memoryJournal(fix());
    const runner = expectRevert(expectRevert(new FakeRunner(), "192.168.0.0/16"), "172.16.0.0/12", {
      exitCode: 2,
      stderr: "RTNETLINK answers: No such process",
    });
    const changes = changesOn(journal, runner);
    const p = changes.prepareUndo(undefined, "c");
    if (!p.ok) throw new Error(p.reason);
    const outs = await changes.undoAll(changes.prepareGroup(p).steps);
    expect(outs.map((o) => o.status)).toEqual(["reverted", "failed"]);
    runner.assertDone();
  });

  it("a change outside any fix is its own group; an id the journal lacks or that is reverted is said", () => {
    const changes = changesOn(memoryJournal(fix()), new FakeRunner());
    const z = changes.prepareUndo(undefined, "z");
    if (!z.ok) throw new Error(z.reason);
    expect(changes.prepareGroup(z).steps.map((s) => s.id)).toEqual(["z"]);
    expect(changes.prepareUndo(undefined, "nope")).toEqual({
      ok: false,
      reason: "no change nope in the journal (see `dualhome journal`)",
    });
  });

  it("keep and undo of a lab's change on the host are refused, naming the namespace and how to act there", () => {
    const changes = changesOn(memoryJournal(fix()), new FakeRunner());
    expect(changes.prepareUndo(undefined, "l")).toEqual({
      ok: false,
      reason:
        "change l was made in network namespace lab-x (net:[4026532201]), not in the host's own: run `ip netns exec lab-x dualhome undo l`",
    });
    expect(changes.keep("l")).toMatchObject({
      status: "refused",
      message: expect.stringContaining("run `ip netns exec lab-x dualhome keep l`"),
    });
    expect(changes.keep()).toMatchObject({ status: "nothing" });
    expect(changes.status().pending).toEqual([]);
    // A lab's interrupted change is the lab's to report, not the host's.
    const torn = memoryJournal([...fix(), intent("t", add("10.6.0.0/16"), 11, { netns: LAB })]);
    expect(changesOn(torn, new FakeRunner()).status().interrupted).toEqual([]);
    const labView = changesOn(torn, new FakeRunner(), { ...LAB, isInitial: false }).status();
    expect(labView.interrupted.map((i) => i.intent.id)).toEqual(["t"]);
    // In the lab it is pending, and keep works there.
    const inLab = changesOn(memoryJournal(fix()), new FakeRunner(), { ...LAB, isInitial: false });
    expect(inLab.status().pending.map((i) => i.id)).toEqual(["l"]);
    expect(inLab.keep("l")).toMatchObject({ status: "kept" });
  });
});

describe("a change started while another counts down", () => {
  it("is journaled with its namespace and fix group, and says plainly that it was made on top of the pending one", async () => {
    const journal = memoryJournal([
      intent("p", add("172.16.0.0/12"), 1, { netns: LAB, rollbackAt: 1_060_000 }),
      ok("p", 2),
    ]);
    const { runner, changes } = setup({ netns: { ...LAB, isInitial: false }, journal });
    runner.expect(["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"], {});
    const out = await changes.apply(await prepared(changes), { group: "fix-9" });
    expect(out.status, out.message).toBe("applied");
    expect(out.warnings).toEqual([
      "another change is still counting down: p (route add 172.16.0.0/12 via 192.168.1.254 dev eth1) reverts at " +
        "1970-01-01 00:17:40 UTC unless kept (`dualhome keep p`); this change was made on top of it",
    ]);
    expect(journal.read().records.find((r) => r.type === "intent" && r.id === "c1")).toMatchObject({
      netns: LAB,
      group: "fix-9",
    });
  });

  it("says nothing of its own earlier change (the screen shows it) nor of steps of the same fix", async () => {
    const journal = memoryJournal([
      intent("f1", add("172.16.0.0/12"), 1, { rollbackAt: 1_060_000, group: "fix-9" }),
      ok("f1", 2),
    ]);
    const { runner, changes } = setup({ journal }, [
      [...WITH_10(), route("192.168.0.0/16", "192.168.1.254", "eth1")],
    ]);
    runner.expect(["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"], {});
    runner.expect(["ip", "route", "add", "192.168.0.0/16", "via", "192.168.1.254", "dev", "eth1"], {});
    const first = await changes.apply(await prepared(changes), { rollbackAfterS: 60, group: "fix-9" });
    expect(first.warnings).toEqual([]);
    const second = await changes.apply(
      await prepared(changes, { ...ADD_10, destination: "192.168.0.0/16" }),
      {
        rollbackAfterS: 60,
      },
    );
    expect(second.warnings).toEqual([expect.stringContaining("another change is still counting down: f1 ")]);
  });
});
