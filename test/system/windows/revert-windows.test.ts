// A Windows revert looks at the table first (netsh, which prints the card's index and
// the route's own metric): it removes only the route dualhome added, leaves one that
// changed since, and refuses a route.exe delete that would take another card's route too.
import { describe, expect, it } from "vitest";
import type { NetInterface, RouteChange } from "../../../src/core/model.js";
import { inverseOf } from "../../../src/core/revert-inverse.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import { type JournalRecord, memoryJournal } from "../../../src/system/journal/journal.js";
import { revertChange } from "../../../src/system/journal/revert.js";
import { powershellRouteArgv, routeExeArgv } from "../../../src/system/windows/route-argv.js";
import { FakeRunner } from "../../support/fake-runner.js";

const CARDS: NetInterface[] = [{ index: 12, name: "Internal", addresses: [], up: true }];
const ADD: RouteChange = {
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "Internal",
  persistent: false,
};
const NETSH = ["netsh", "interface", "ipv4", "show", "route"];
const ROUTE_DELETE = ["route", "delete", "10.0.0.0", "mask", "255.0.0.0", "192.168.1.254"];

function table(...rows: string[]): { stdout: string } {
  const head = [
    "",
    "Publish  Type      Met  Prefix                    Idx  Gateway/Interface Name",
    "-------  --------  ---  ------------------------  ---  ------------------------",
    "No       Manual    0    0.0.0.0/0                  12  192.168.1.1",
  ];
  return { stdout: [...head, ...rows, ""].join("\r\n") };
}
const row = (prefix: string, idx: number, hop: string, metric = 1) =>
  `No       Manual    ${String(metric).padEnd(4)} ${prefix.padEnd(25)} ${String(idx).padStart(3)}  ${hop}`;

function journal(change: RouteChange, build = routeExeArgv): JournalRecord[] {
  return [
    {
      type: "intent",
      id: "w",
      at: 1,
      change,
      argv: build(change, CARDS),
      revertArgv: build(inverseOf(change), CARDS),
      host: "edge01",
      user: "admin",
      rollbackAt: null,
    },
    { type: "result", id: "w", at: 2, ok: true },
  ];
}
const deps = (records: JournalRecord[], runner: FakeRunner) => ({
  journal: memoryJournal(records),
  runner,
  clock: () => 10,
  pid: 7,
});

describe("a Windows revert checks the table first", () => {
  it("deletes the route dualhome added when netsh shows exactly it", async () => {
    const runner = new FakeRunner()
      .expect(NETSH, table(row("10.0.0.0/8", 12, "192.168.1.254")))
      .expect(ROUTE_DELETE, { stdout: " OK!\r\n" });
    expect(await revertChange(deps(journal(ADD), runner), "w", "undo")).toEqual({
      status: "reverted",
      argv: ROUTE_DELETE,
    });
    runner.assertDone();
  });

  it("leaves the prefix alone when only another card carries it now", async () => {
    const runner = new FakeRunner().expect(NETSH, table(row("10.0.0.0/8", 9, "192.168.1.254")));
    const d = deps(journal(ADD), runner);
    const out = await revertChange(d, "w", "watchdog");
    const why =
      "changed since: not reverted: the table has 10.0.0.0/8 via 192.168.1.254 IF 9 metric 1, not 10.0.0.0/8 via 192.168.1.254 IF 12 that dualhome added";
    expect(out).toEqual({ status: "failed", argv: ROUTE_DELETE, error: why });
    expect(d.journal.read().records.at(-1)).toMatchObject({ type: "revert", ok: false, error: why });
    expect(runner.calls).toEqual([NETSH]);
  });

  it("refuses route delete when the same prefix and gateway sit on another card too", async () => {
    const runner = new FakeRunner().expect(
      NETSH,
      table(row("10.0.0.0/8", 12, "192.168.1.254"), row("10.0.0.0/8", 9, "192.168.1.254", 50)),
    );
    const out = await revertChange(deps(journal(ADD), runner), "w", "undo");
    expect(out).toMatchObject({
      status: "failed",
      error:
        "changed since: not reverted: 10.0.0.0/8 via 192.168.1.254 IF 9 metric 50 is in the table too, and route delete would remove it with ours",
    });
    expect(runner.calls).toEqual([NETSH]);
  });

  it("Remove-NetRoute names the card, so a twin on another card does not stop it", async () => {
    const remove = powershellRouteArgv(inverseOf(ADD), CARDS);
    const runner = new FakeRunner()
      .expect(NETSH, table(row("10.0.0.0/8", 12, "192.168.1.254"), row("10.0.0.0/8", 9, "192.168.1.254")))
      .expect(remove, {});
    const out = await revertChange(deps(journal(ADD, powershellRouteArgv), runner), "w", "undo");
    expect(out).toEqual({ status: "reverted", argv: remove });
    runner.assertDone();
  });

  it("leaves a route whose metric someone changed", async () => {
    const change = { ...ADD, metric: 10 };
    const runner = new FakeRunner().expect(NETSH, table(row("10.0.0.0/8", 12, "192.168.1.254", 50)));
    const out = await revertChange(deps(journal(change), runner), "w", "undo");
    expect(out).toMatchObject({
      status: "failed",
      error:
        "changed since: not reverted: the table has 10.0.0.0/8 via 192.168.1.254 IF 12 metric 50 (metric 50 instead of 10), not the route dualhome added",
    });
  });

  it("does not add back a deleted route that is back already", async () => {
    const del: RouteChange = { ...ADD, action: "delete" };
    const runner = new FakeRunner().expect(NETSH, table(row("10.0.0.0/8", 12, "192.168.1.254", 5)));
    const out = await revertChange(deps(journal(del), runner), "w", "undo");
    expect(out).toMatchObject({
      status: "failed",
      error:
        "changed since: not reverted: 10.0.0.0/8 via 192.168.1.254 IF 12 metric 5 is back in the table already",
    });
    expect(runner.calls).toEqual([NETSH]);
  });

  it("a delete that timed out but took effect is reported as done, from the table", async () => {
    const runner = new FakeRunner()
      .expect(NETSH, table(row("10.0.0.0/8", 12, "192.168.1.254")))
      .expect(ROUTE_DELETE, new CommandError("route timed out after 10 s", "timeout", ROUTE_DELETE))
      .expect(NETSH, table());
    const out = await revertChange(deps(journal(ADD), runner), "w", "undo");
    expect(out).toMatchObject({
      status: "reverted",
      warning: expect.stringMatching(/table shows the revert done/),
    });
    runner.assertDone();
  });
});
