import { describe, expect, it } from "vitest";
import {
  type ChangeRunnerDeps,
  createChangeRunner,
  type PreparedChange,
} from "../../src/app/change-runner.js";
import type { RouteChange } from "../../src/core/model.js";
import { FakeRunner } from "../../src/system/fake-runner.js";
import { type JournalRecord, memoryJournal } from "../../src/system/journal.js";
import { CommandError } from "../../src/system/runner-types.js";
import { ValidationError } from "../../src/system/validate.js";
import { analysis, baseRoutes, route, tablePlatform } from "./support/change-world.js";

const ADD_10: RouteChange = {
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "eth1",
  persistent: false,
};
const WITH_10 = () => [...baseRoutes(), route("10.0.0.0/8", "192.168.1.254", "eth1")];

function setup(over: Partial<ChangeRunnerDeps> = {}, tables = [WITH_10()]) {
  const runner = new FakeRunner();
  const journal = memoryJournal();
  const spawned: [string, number][] = [];
  let ids = 0;
  const changes = createChangeRunner({
    platform: tablePlatform(...tables),
    runner,
    journal,
    spawnWatchdog: (id, at) => {
      spawned.push([id, at]);
      return 4242;
    },
    clock: () => 1_000_000,
    readOnly: false,
    privileged: true,
    env: {},
    host: "srv",
    user: "alice",
    newId: () => `c${++ids}`,
    pid: 77,
    ...over,
  });
  return { runner, journal, spawned, changes };
}

async function prepared(changes: ReturnType<typeof setup>["changes"], c = ADD_10) {
  const p = await changes.prepare(c, analysis());
  if (p instanceof ValidationError) throw p;
  return p;
}

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

describe("bad input never reaches a command", () => {
  const cases: [string, Partial<RouteChange>, RegExp][] = [
    ["a gateway with a shell command", { gateway: "192.168.1.254;reboot" }, /not an IP address/],
    ["an unknown card", { interface: "nosuchcard" }, /no card "nosuchcard" \(cards: lo, eth0, eth1\)/],
    ["host bits in the prefix", { destination: "10.1.0.0/8" }, /host bits.*10\.0\.0\.0\/8/],
    ["a metric out of range", { metric: 123456 }, /metric 123456/],
    ["a prefix that is not one", { destination: "10.0.0.0/8 dev eth0" }, /not a prefix/],
  ];
  for (const [what, bad, message] of cases) {
    it(`refuses ${what}`, async () => {
      const { runner, journal, changes } = setup();
      const p = await changes.prepare({ ...ADD_10, ...bad }, analysis());
      expect(p).toBeInstanceOf(ValidationError);
      expect((p as ValidationError).message).toMatch(message);
      expect(runner.calls).toEqual([]);
      expect(journal.read().records).toEqual([]);
    });
  }

  it("refuses to add a route that is already there, and to delete one that is not", async () => {
    const { changes } = setup();
    const twin = await changes.prepare(ADD_10, analysis(WITH_10()));
    expect((twin as ValidationError).message).toMatch(/already in the table/);
    const gone = await changes.prepare({ ...ADD_10, action: "delete" }, analysis());
    expect((gone as ValidationError).message).toMatch(
      /no route 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1 in the table/,
    );
  });
});

describe("refusals change nothing", () => {
  it("read-only: the runner receives nothing, the journal stays empty, no watchdog", async () => {
    const { runner, journal, spawned, changes } = setup({ readOnly: true });
    const p = await prepared(changes);
    expect(p.refusal).toBe("read-only: nothing was changed");
    const out = await changes.apply(p, { rollbackAfterS: 60 });
    expect(out).toMatchObject({ status: "refused", message: "read-only: nothing was changed", id: null });
    expect(runner.calls).toEqual([]);
    expect(journal.read().records).toEqual([]);
    expect(spawned).toEqual([]);
  });

  it("not privileged: shows the command to run elevated, runs nothing", async () => {
    const { runner, journal, changes } = setup({ privileged: false });
    const p = await prepared(changes);
    const out = await changes.apply(p, { rollbackAfterS: 60 });
    expect(out.status).toBe("refused");
    expect(out.message).toContain(
      "needs root: run `sudo dualhome route add 10.0.0.0/8 --via 192.168.1.254 --dev eth1 --rollback-after 60`",
    );
    expect(out.message).toContain("ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1");
    expect(runner.calls).toEqual([]);
    expect(journal.read().records).toEqual([]);
  });

  it("undo is refused the same way", async () => {
    const { runner, journal, changes } = setup();
    const p = await prepared(changes);
    runner.expect(p.argv, {});
    await changes.apply(p);
    const ro = createChangeRunner({
      platform: tablePlatform(baseRoutes()),
      runner,
      journal,
      spawnWatchdog: () => 0,
      readOnly: false,
      privileged: false,
      host: "srv",
    });
    const out = await ro.undo();
    expect(out.status).toBe("refused");
    expect(out.message).toMatch(/^needs root: run `sudo dualhome undo`/);
    expect(runner.calls).toHaveLength(1);
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

describe("persistence", () => {
  it("NetworkManager: the nmcli twin runs right after the live change, and the result says persisted", async () => {
    const nm = ["nmcli", "connection", "modify", "corp", "+ipv4.routes", "10.0.0.0/8 192.168.1.254"];
    const { runner, journal, changes } = setup({
      persistence: async () => ({
        persistent: true,
        system: "networkmanager",
        argv: nm,
        revertArgv: ["nmcli", "connection", "modify", "corp", "-ipv4.routes", "10.0.0.0/8 192.168.1.254"],
        note: "NetworkManager owns eth1",
      }),
    });
    const p = await prepared(changes, { ...ADD_10, persistent: true });
    expect(p.persistent).toBe(true);
    expect(p.persistArgv).toEqual(nm);
    runner.expect(p.argv, {}).expect(nm, {});
    const out = await changes.apply(p);
    expect(out).toMatchObject({ status: "applied", persisted: true });
    expect(runner.calls).toEqual([p.argv, nm]);
    expect(journal.read().records.at(-1)).toMatchObject({ type: "result", ok: true, persisted: true });
  });

  it("without --persist a Linux change says it is live only, and asks nothing of the system", async () => {
    let asked = false;
    const { changes } = setup({
      persistence: async () => {
        asked = true;
        throw new Error("not expected");
      },
    });
    const p = await prepared(changes);
    expect(asked).toBe(false);
    expect(p).toMatchObject({ persistent: false, persistArgv: null });
    expect(p.persistenceNote).toBe("live only: gone after a reboot (add --persist to keep it)");
  });
});

describe("on Windows", () => {
  it("route -p persists by itself, and the revert is route delete of the same route", async () => {
    const { routeExeArgv } = await import("../../src/system/windows/route-argv.js");
    const platform = {
      ...tablePlatform(WITH_10()),
      os: "windows" as const,
      id: "windows" as const,
      changeArgv: routeExeArgv,
    };
    const { changes } = setup({ platform });
    const p = await prepared(changes, { ...ADD_10, persistent: true });
    expect(p.argv).toEqual([
      "route",
      "add",
      "10.0.0.0",
      "mask",
      "255.0.0.0",
      "192.168.1.254",
      "IF",
      "3",
      "-p",
    ]);
    expect(p.revertArgv).toEqual(["route", "delete", "10.0.0.0", "mask", "255.0.0.0", "192.168.1.254"]);
    expect(p.persistent).toBe(true);
  });

  it("an unprivileged console is told to elevate", async () => {
    const { routeExeArgv } = await import("../../src/system/windows/route-argv.js");
    const platform = {
      ...tablePlatform(WITH_10()),
      os: "windows" as const,
      id: "windows" as const,
      changeArgv: routeExeArgv,
    };
    const { changes } = setup({ platform, privileged: false });
    const p = await prepared(changes);
    expect(p.refusal).toMatch(
      /^needs an elevated console: run `dualhome route add 10\.0\.0\.0\/8 --via 192\.168\.1\.254 --dev eth1` as administrator/,
    );
  });
});
