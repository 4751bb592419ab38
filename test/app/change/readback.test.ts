// The change runner reads the route back from the kernel (a fake reader here): an
// add journals the route the kernel made, a delete journals the whole route first
// (or is refused up front), and a command that timed out after the kernel applied
// it is journaled as applied, not failed.
import { describe, expect, it } from "vitest";
import type { PreparedChange } from "../../../src/app/change/runner.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import type { ResultRecord } from "../../../src/system/journal/journal.js";
import { kernelRouteArgv } from "../../../src/system/linux/kernel-route-argv.js";
import type { KernelRoute } from "../../../src/system/parts/exact-route.js";
import { ADD_10, prepared, setup, WITH_10 } from "./runner-setup.js";
import { analysis } from "./world.js";

const OURS: KernelRoute = {
  family: 4,
  dst: "10.0.0.0/8",
  table: "main",
  protocol: "static",
  scope: "global",
  metric: 0,
  prefsrc: "192.168.1.11",
  metrics: { mtu: 1400 },
  hops: [{ gateway: "192.168.1.254", dev: "eth1" }],
  multipath: false,
};

function reader(answer: (KernelRoute | string)[]) {
  const asked: string[] = [];
  return {
    asked,
    exactRoutes: {
      read: async (f: 4 | 6, t: string, d: string) => {
        asked.push(`${f} ${t} ${d}`);
        return answer;
      },
      restoreArgv: (route: KernelRoute) => kernelRouteArgv("add", route),
    },
  };
}

describe("the route as the kernel reported it", () => {
  it("an add journals the route the kernel made with its result", async () => {
    const r = reader([OURS]);
    const { runner, journal, changes } = setup({ exactRoutes: r.exactRoutes });
    const p = await prepared(changes);
    runner.expect(p.argv, {});
    expect((await changes.apply(p)).status).toBe("applied");
    expect(r.asked).toEqual(["4 main 10.0.0.0/8"]);
    expect(journal.read().records.at(-1)).toMatchObject({ type: "result", ok: true, route: OURS });
  });

  it("a delete journals the whole route before it runs, and its revert restores all of it", async () => {
    const r = reader([OURS]);
    const { runner, journal, changes } = setup({ exactRoutes: r.exactRoutes }, [[]]);
    const p = (await changes.prepare({ ...ADD_10, action: "delete" }, analysis(WITH_10()))) as PreparedChange;
    const restore = [
      ...["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1", "table", "main"],
      ...["metric", "0", "proto", "static", "scope", "global", "src", "192.168.1.11", "mtu", "1400"],
    ];
    expect(p.revertArgv).toEqual(restore);
    runner.expect(p.argv, {});
    expect((await changes.apply(p)).status).toBe("applied");
    expect(journal.read().records[0]).toMatchObject({ type: "intent", route: OURS, revertArgv: restore });
  });

  it("a delete whose route cannot be restored is refused before anything runs", async () => {
    const why = "quickack 1 cannot be restored";
    const { runner, journal, changes } = setup({ exactRoutes: reader([why]).exactRoutes }, [[]]);
    const p = (await changes.prepare({ ...ADD_10, action: "delete" }, analysis(WITH_10()))) as PreparedChange;
    expect(p.refusal).toBe(
      `refused: 10.0.0.0/8 could not be restored after deleting it (${why}), so nothing was changed`,
    );
    expect((await changes.apply(p)).status).toBe("refused");
    expect(runner.calls).toEqual([]);
    expect(journal.read().records).toEqual([]);
  });

  it("a command that timed out after the kernel applied it is journaled as applied", async () => {
    const { runner, journal, changes } = setup({ exactRoutes: reader([OURS]).exactRoutes });
    const p = await prepared(changes);
    runner.expect(p.argv, new CommandError("ip did not answer within 10 s", "timeout", p.argv));
    const out = await changes.apply(p);
    expect(out.status).toBe("applied");
    expect(out.warnings[0]).toMatch(/did not answer within 10 s\), but the table shows the change applied$/);
    const result = journal.read().records.at(-1) as ResultRecord;
    expect(result).toMatchObject({ type: "result", ok: true, route: OURS });
    expect(result.error).toMatch(/but the table shows the change applied/);
  });

  it("a timeout with the table unchanged stays a failure", async () => {
    const { runner, journal, changes } = setup({ exactRoutes: reader([]).exactRoutes }, [[]]);
    const p = await prepared(changes);
    runner.expect(p.argv, new CommandError("ip did not answer within 10 s", "timeout", p.argv));
    expect((await changes.apply(p)).status).toBe("failed");
    expect(journal.read().records.at(-1)).toMatchObject({ type: "result", ok: false });
  });
});

describe("settle", () => {
  it("journals a change whose revert failed as settled by hand; undo then goes one further back", async () => {
    const { journal, changes } = setup();
    journal.append({
      type: "intent",
      id: "a",
      at: 1,
      change: ADD_10,
      argv: ["ip"],
      revertArgv: ["ip"],
      host: "srv",
      user: "",
      rollbackAt: null,
    });
    journal.append({ type: "result", id: "a", at: 2, ok: true });
    expect(changes.settle("a")).toMatchObject({
      status: "refused",
      message: expect.stringMatching(/is applied: only a change whose revert failed/),
    });
    journal.append({ type: "reverting", id: "a", at: 3, by: "watchdog", pid: 9 });
    journal.append({
      type: "revert",
      id: "a",
      at: 4,
      by: "watchdog",
      pid: 9,
      ok: false,
      error: "changed since: not reverted: …",
    });
    expect(changes.prepareUndo()).toMatchObject({ ok: true, id: "a" });
    expect(changes.settle("a")).toMatchObject({
      status: "reverted",
      message: "settled a: journaled as put right by hand, nothing was run",
    });
    expect(changes.entry("a")).toMatchObject({
      status: "reverted",
      detail: expect.stringMatching(/^settled by the operator/),
    });
    expect(changes.prepareUndo()).toMatchObject({ ok: false });
    expect(changes.settle("zz").status).toBe("nothing");
  });
});
