// The change runner: prepare and apply run the very argv shown and journaled,
// what a failed or unverified change says, and deletes completed from the table.
import { describe, expect, it } from "vitest";
import type { PreparedChange } from "../../../src/app/change/runner.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import type { JournalRecord } from "../../../src/system/journal/journal.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { ADD_10, prepared, setup, WITH_10 } from "./runner-setup.js";
import { analysis, baseRoutes, route } from "./world.js";

describe("prepare and apply run the same argv", () => {
  it("the argv shown is the argv the runner receives, journaled before and after", async () => {
    const { runner, journal, changes } = setup();
    const p = await prepared(changes);
    expect(p.argv).toEqual(["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"]);
    expect(p.revertArgv).toEqual(["ip", "route", "del", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"]);
    expect(p.refusal).toBeNull();
    runner.expect(p.argv, {});
    const out = await changes.apply(p);
    expect(out.status).toBe("applied");
    expect(out.message).toContain("verified");
    expect(runner.calls).toEqual([p.argv]);
    runner.assertDone();
    const types = journal.read().records.map((r) => r.type);
    expect(types).toEqual(["intent", "result"]);
    const intent = journal.read().records[0] as Extract<JournalRecord, { type: "intent" }>;
    expect(intent.argv).toEqual(p.argv);
    expect(intent.revertArgv).toEqual(p.revertArgv);
    expect(intent).toMatchObject({ host: "srv", user: "alice", rollbackAt: null });
  });

  it("a changed display copy cannot change what runs: apply runs prepared.argv, the journaled one", async () => {
    const { runner, journal, changes } = setup();
    const p = await prepared(changes);
    runner.expect(["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"], {});
    await changes.apply(p);
    const intent = journal.read().records[0];
    expect(intent?.type === "intent" && intent.argv).toEqual(runner.calls[0]);
  });

  it("says exactly what differs when the table does not show the route afterwards", async () => {
    const { runner, changes } = setup({}, [[...baseRoutes(), route("10.0.0.0/8", "192.168.1.1", "eth0")]]);
    const p = await changes.prepare(ADD_10, analysis());
    if (p instanceof ValidationError) throw p;
    runner.expect(p.argv, {});
    const out = await changes.apply(p);
    expect(out.status).toBe("unverified");
    expect(out.message).toContain("10.0.0.0/8 via 192.168.1.1 dev eth0 metric 0");
    expect(out.message).toContain("not 10.0.0.0/8 via 192.168.1.254 dev eth1");
  });

  it("a failing command is journaled as failed and reported in its own words", async () => {
    const { runner, journal, changes } = setup();
    const p = await prepared(changes);
    runner.expect(p.argv, { exitCode: 2, stderr: "RTNETLINK answers: File exists\n" });
    const out = await changes.apply(p);
    expect(out.status).toBe("failed");
    expect(out.message).toContain("File exists");
    expect(journal.read().records.at(-1)).toMatchObject({ type: "result", ok: false });
  });

  it("under auto-rollback the watchdog is started before the command runs", async () => {
    const order: string[] = [];
    const runner = new FakeRunner();
    const { changes, spawned } = setup({
      runner: {
        run: (argv, o) => {
          order.push("run");
          return runner.run(argv, o);
        },
      },
      spawnWatchdog: (id, at) => {
        order.push(`watchdog ${id} ${at}`);
        return 99;
      },
    });
    const p = await prepared(changes);
    runner.expect(p.argv, {});
    const out = await changes.apply(p, { rollbackAfterS: 60 });
    expect(order).toEqual(["watchdog c1 1060000", "run"]);
    expect(out).toMatchObject({ status: "applied", rollbackAt: 1_060_000, watchdogPid: 99 });
    expect(spawned).toEqual([]);
  });

  it("refuses to change anything when the watchdog cannot start", async () => {
    const { runner, changes } = setup({
      spawnWatchdog: () => {
        throw new Error("spawn node ENOENT");
      },
    });
    const p = await prepared(changes);
    const out = await changes.apply(p, { rollbackAfterS: 5 });
    expect(out.status).toBe("failed");
    expect(out.message).toContain("nothing was changed");
    expect(runner.calls).toEqual([]);
  });
});

describe("delete", () => {
  it("completes the route from the table so the revert re-adds exactly it", async () => {
    const table = [...baseRoutes(), route("10.0.0.0/8", "192.168.1.254", "eth1", 50)];
    const { runner, changes } = setup({}, [baseRoutes()]);
    const p = (await changes.prepare(
      { action: "delete", destination: "10.0.0.0/8", gateway: null, interface: null, persistent: false },
      analysis(table),
    )) as PreparedChange;
    expect(p.argv).toEqual([
      "ip",
      "route",
      "del",
      "10.0.0.0/8",
      "via",
      "192.168.1.254",
      "dev",
      "eth1",
      "metric",
      "50",
    ]);
    expect(p.revertArgv).toEqual([
      "ip",
      "route",
      "add",
      "10.0.0.0/8",
      "via",
      "192.168.1.254",
      "dev",
      "eth1",
      "metric",
      "50",
    ]);
    runner.expect(p.argv, {});
    expect((await changes.apply(p)).status).toBe("applied");
  });

  it("a command that fails is a failure even when the table looks right", async () => {
    const { runner, changes } = setup({}, [baseRoutes()]);
    const p = (await changes.prepare({ ...ADD_10, action: "delete" }, analysis(WITH_10()))) as PreparedChange;
    runner.expect(p.argv, new CommandError("ip needs root: run with sudo", "permission", p.argv));
    const out = await changes.apply(p);
    expect(out).toMatchObject({ status: "failed", message: "ip needs root: run with sudo" });
  });
});
