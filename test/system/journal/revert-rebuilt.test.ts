// revertChange with a strict fake runner: what runs is rebuilt from the typed records
// (never the journal's argv), forged records run nothing, a route that changed since
// is left alone, and the journal tells the truth after a failed or interrupted revert.
import { describe, expect, it } from "vitest";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import { type IntentRecord, type JournalRecord, memoryJournal } from "../../../src/system/journal/journal.js";
import { journalEntries, lastApplied, pendingIntents } from "../../../src/system/journal/queries.js";
import { revertChange, settleChange } from "../../../src/system/journal/revert.js";
import type { KernelRoute } from "../../../src/system/parts/exact-route.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { add, expectRevert, intent, ok } from "./journal-records.js";

const OURS: KernelRoute = {
  family: 4,
  dst: "10.0.0.0/8",
  table: "main",
  protocol: "boot",
  scope: "global",
  metric: 0,
  hops: [{ gateway: "192.168.1.254", dev: "eth1" }],
  multipath: false,
};
const SHOW = ["ip", "-4", "-json", "route", "show", "table", "main", "exact", "10.0.0.0/8"];
const DEL = [
  ...["ip", "route", "del", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"],
  ...["table", "main", "metric", "0", "proto", "boot", "scope", "global"],
];
const OURS_JSON = '[{"dst":"10.0.0.0/8","gateway":"192.168.1.254","dev":"eth1","flags":[]}]';
const THEIRS_JSON =
  '[{"dst":"10.0.0.0/8","gateway":"192.168.1.254","dev":"eth1","protocol":"static","metric":50,"flags":[]}]';

const applied = (over: Partial<IntentRecord> = {}): JournalRecord[] => [
  intent("a", add("10.0.0.0/8"), 1, over),
  { type: "result", id: "a", at: 2, ok: true, route: OURS },
];
const deps = (records: JournalRecord[], runner: FakeRunner) => ({
  journal: memoryJournal(records),
  runner,
  clock: () => 10,
  pid: 7,
});

describe("a revert rebuilt from the kernel's route", () => {
  it("checks that exactly our route is there, then deletes only it", async () => {
    const runner = new FakeRunner().expect(SHOW, { stdout: OURS_JSON }).expect(DEL, {});
    const out = await revertChange(deps(applied(), runner), "a", "undo");
    expect(out).toEqual({ status: "reverted", argv: DEL });
    runner.assertDone();
  });

  it("leaves a route someone put in its place and journals why, in one line", async () => {
    const runner = new FakeRunner().expect(SHOW, { stdout: THEIRS_JSON });
    const d = deps(applied(), runner);
    const out = await revertChange(d, "a", "watchdog");
    expect(out.status).toBe("failed");
    const why =
      "changed since: not reverted: the table has 10.0.0.0/8 via 192.168.1.254 dev eth1 metric 50 proto static scope global table main (metric 50 instead of 0; proto static instead of boot), not the route dualhome added";
    expect(out).toMatchObject({ error: why });
    expect(d.journal.read().records.at(-1)).toMatchObject({ type: "revert", ok: false, error: why });
    expect(runner.calls).toEqual([SHOW]);
  });

  it("refuses a forged revert argv: nothing runs, nothing is claimed", async () => {
    const runner = new FakeRunner();
    const d = deps(applied({ revertArgv: ["/bin/sh", "-c", "touch /tmp/x"] }), runner);
    const out = await revertChange(d, "a", "undo");
    expect(out).toEqual({
      status: "skipped",
      reason: "refused to revert a: the journaled revert is not the inverse of the change",
    });
    expect(runner.calls).toEqual([]);
    expect(d.journal.read().records).toHaveLength(2);
  });

  it("refuses values that fail validation, and argv that disagree with the change", async () => {
    const cases: [Partial<IntentRecord>, RegExp][] = [
      [{ change: { ...add("10.0.0.0/8"), gateway: "192.168.1.254;reboot" } }, /does not validate/],
      [{ change: add("10.0.0.0/8", "192.168.1.254", "eth1 x") }, /card name "eth1 x" is not valid/],
      [
        { argv: ["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.1", "dev", "eth1"] },
        /not the one the change makes/,
      ],
      [{ argv: ["/bin/sh", "-c", "id"] }, /not one dualhome makes/],
    ];
    for (const [over, why] of cases) {
      const runner = new FakeRunner();
      const out = await revertChange(deps(applied(over), runner), "a", "undo");
      expect(out.status).toBe("skipped");
      expect(out.status === "skipped" && out.reason).toMatch(why);
      expect(runner.calls).toEqual([]);
    }
  });

  it("refuses a journaled kernel route that is not the change's own", async () => {
    const runner = new FakeRunner();
    const forged: JournalRecord[] = [
      intent("a", add("10.0.0.0/8"), 1),
      {
        type: "result",
        id: "a",
        at: 2,
        ok: true,
        route: { ...OURS, hops: [{ gateway: "192.168.1.1", dev: "eth0" }] },
      },
    ];
    const out = await revertChange(deps(forged, runner), "a", "undo");
    expect(out).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/gateway is not the change's/),
    });
    // Someone else's route (metric 50, proto static) named as ours: an add never makes that.
    const aimed: JournalRecord[] = [
      intent("a", add("10.0.0.0/8"), 1),
      { type: "result", id: "a", at: 2, ok: true, route: { ...OURS, metric: 50, protocol: "static" } },
    ];
    const again = await revertChange(deps(aimed, runner), "a", "undo");
    expect(again).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/not one this add makes/),
    });
    expect(runner.calls).toEqual([]);
  });

  it("a revert that timed out but took effect is journaled as done", async () => {
    const runner = new FakeRunner()
      .expect(SHOW, { stdout: OURS_JSON })
      .expect(DEL, new CommandError("ip did not answer within 10 s", "timeout", DEL))
      .expect(SHOW, { stdout: "[]" });
    const d = deps(applied(), runner);
    const out = await revertChange(d, "a", "watchdog");
    expect(out.status).toBe("reverted");
    expect(d.journal.read().records.at(-1)).toMatchObject({ type: "revert", ok: true });
  });
});

describe("a journal that tells the truth about reverts", () => {
  it("a failed revert can be retried", async () => {
    const records = [intent("a", add("10.0.0.0/8"), 1), ok("a", 2)];
    const fail = expectRevert(new FakeRunner(), "10.0.0.0/8", { exitCode: 2 }).expect(SHOW, {
      stdout: OURS_JSON,
    });
    const d = deps(records, fail);
    expect((await revertChange(d, "a", "watchdog")).status).toBe("failed");
    const retry = expectRevert(new FakeRunner(), "10.0.0.0/8");
    expect((await revertChange({ ...d, runner: retry }, "a", "undo")).status).toBe("reverted");
    expect(journalEntries(d.journal.read().records, 20)[0]?.status).toBe("reverted");
  });

  it("the operator settles a change whose revert failed: undo stops offering it, nothing runs", async () => {
    const records: JournalRecord[] = [
      intent("a", add("10.0.0.0/8"), 1),
      ok("a", 2),
      { type: "reverting", id: "a", at: 3, by: "watchdog", pid: 5 },
      { type: "revert", id: "a", at: 4, by: "watchdog", pid: 5, ok: false, error: "changed since: …" },
    ];
    const d = deps(records, new FakeRunner());
    expect(lastApplied(d.journal.read().records)?.id).toBe("a");
    expect(settleChange(d, "a")).toEqual({ status: "reverted", argv: [] });
    const after = d.journal.read().records;
    expect(lastApplied(after)).toBeNull();
    expect(journalEntries(after, 20)[0]).toMatchObject({
      status: "reverted",
      detail: expect.stringMatching(/^settled by the operator/),
    });
    expect(settleChange(d, "a").status).toBe("skipped");
  });

  it("settling also closes a revert claim whose process died", () => {
    const records: JournalRecord[] = [
      intent("a", add("10.0.0.0/8"), 1),
      ok("a", 2),
      { type: "reverting", id: "a", at: 3, by: "watchdog", pid: 5 },
    ];
    const d = deps(records, new FakeRunner());
    expect(pendingIntents(d.journal.read().records)).toHaveLength(1);
    settleChange(d, "a");
    expect(pendingIntents(d.journal.read().records)).toEqual([]);
  });

  it("an interrupted change that was then reverted shows as reverted, not interrupted", async () => {
    const records: JournalRecord[] = [intent("a", add("10.0.0.0/8"), 1, { rollbackAt: 5 })];
    const runner = expectRevert(new FakeRunner(), "10.0.0.0/8");
    const d = deps(records, runner);
    expect((await revertChange(d, "a", "watchdog")).status).toBe("reverted");
    const after = d.journal.read().records;
    expect(journalEntries(after, 20)[0]?.status).toBe("reverted");
    expect(pendingIntents(after)).toEqual([]);
  });
});
