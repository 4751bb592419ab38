import { describe, expect, it } from "vitest";
import { createChangeRunner } from "../../../src/app/change/runner.js";
import { type Journal, type JournalRecord, memoryJournal } from "../../../src/system/journal/journal.js";
import { FakeRunner } from "../../support/fake-runner.js";
import {
  add,
  exactDel,
  expectRevert,
  failed,
  intent,
  ok,
  reverted,
} from "../../system/journal/journal-records.js";
import { baseRoutes, route, tablePlatform } from "./world.js";

function changesOn(journal: Journal, runner: FakeRunner, tables = [baseRoutes()], now = 1_000) {
  return createChangeRunner({
    platform: tablePlatform(...tables),
    runner,
    journal,
    spawnWatchdog: () => 0,
    clock: () => now,
    readOnly: false,
    privileged: true,
    host: "srv",
    pid: 5,
  });
}

const history = (): JournalRecord[] => [
  intent("a", add("10.0.0.0/8"), 1),
  ok("a", 2),
  intent("b", add("172.16.0.0/12"), 3),
  ok("b", 4),
  intent("c", add("192.168.0.0/16"), 5),
  ok("c", 6),
  ...reverted("c", 7, "watchdog"),
  intent("d", add("10.9.0.0/16"), 8),
  failed("d", 9),
  intent("e", add("10.8.0.0/16"), 10),
  // Another machine sharing this state directory: never undone from here.
  intent("f", add("10.7.0.0/16"), 11, { host: "other" }),
  ok("f", 12),
];

describe("undo", () => {
  it("reverts the newest applied change of this host that is not reverted, exactly the route it added", async () => {
    const journal = memoryJournal(history());
    const runner = expectRevert(new FakeRunner(), "172.16.0.0/12");
    const changes = changesOn(journal, runner);
    const p = changes.prepareUndo();
    if (!p.ok) throw new Error(p.reason);
    expect(p.id).toBe("b");
    expect(p.commands).toEqual([exactDel("172.16.0.0/12")]);
    expect(p.change).toMatchObject({ action: "delete", destination: "172.16.0.0/12" });
    const out = await changes.undo(p);
    expect(out).toMatchObject({ status: "reverted", id: "b" });
    expect(out.message).toBe("reverted and verified: 172.16.0.0/12 is gone from the table");
    runner.assertDone();
    expect(journal.read().records.slice(-2)).toMatchObject([
      { type: "reverting", id: "b", by: "undo" },
      { type: "revert", id: "b", by: "undo", ok: true },
    ]);
    // The next undo goes one further back.
    const next = changesOn(journal, new FakeRunner()).prepareUndo();
    expect(next.ok && next.id).toBe("a");
  });

  it("reports the table when the revert ran but the route is still there", async () => {
    const journal = memoryJournal(history());
    const runner = expectRevert(new FakeRunner(), "172.16.0.0/12");
    const changes = changesOn(journal, runner, [
      [...baseRoutes(), route("172.16.0.0/12", "192.168.1.254", "eth1")],
    ]);
    const out = await changes.undo();
    expect(out.status).toBe("unverified");
    expect(out.message).toBe(
      "the revert ran, but 172.16.0.0/12 via 192.168.1.254 dev eth1 metric 0 is still in the table after the command",
    );
  });

  it("says when there is nothing to undo", async () => {
    const runner = new FakeRunner();
    const out = await changesOn(memoryJournal(), runner).undo();
    expect(out).toMatchObject({ status: "nothing" });
    expect(out.message).toMatch(/^nothing to undo/);
    expect(runner.calls).toEqual([]);
  });

  it("status reports the interrupted change at startup", () => {
    const st = changesOn(memoryJournal(history()), new FakeRunner()).status();
    expect(st.interrupted.map((i) => i.intent.id)).toEqual(["e"]);
    expect(st.interrupted[0]?.message).toMatch(/^a change was interrupted: e .* check the table$/);
  });
});

describe("keep and revert now", () => {
  const pending = () => [intent("k", add("10.0.0.0/8"), 1, { rollbackAt: 60_000 }), ok("k", 2)];

  it("keep without an id keeps the change waiting for its rollback", () => {
    const journal = memoryJournal(pending());
    const out = changesOn(journal, new FakeRunner()).keep();
    expect(out).toMatchObject({ status: "kept", kept: ["k"], message: "kept k: the change stays" });
    expect(changesOn(journal, new FakeRunner()).entry("k")?.status).toBe("kept");
  });

  it("keep of an unknown id is bad input; of a change without rollback, a refusal", () => {
    const journal = memoryJournal([...pending(), intent("n", add("172.16.0.0/12"), 3), ok("n", 4)]);
    const changes = changesOn(journal, new FakeRunner());
    expect(changes.keep("zz").status).toBe("unknown");
    const out = changes.keep("n");
    expect(out).toMatchObject({
      status: "refused",
      message: "change n has no rollback pending: nothing to keep",
    });
    expect(journal.read().records.filter((r) => r.type === "keep")).toEqual([]);
  });

  it("revertNow reverts that change at once, journaled as by the operator", async () => {
    const journal = memoryJournal(pending());
    const runner = expectRevert(new FakeRunner(), "10.0.0.0/8");
    const out = await changesOn(journal, runner).revertNow("k");
    expect(out.status).toBe("reverted");
    expect(journal.read().records.at(-1)).toMatchObject({ type: "revert", by: "operator", ok: true });
  });
});
