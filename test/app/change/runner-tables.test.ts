// Changes in a Linux table other than main: the argv names the table, the
// delete is found in that table (not in main), the revert and the journal keep
// the table, and the verification reads that table.
import { describe, expect, it } from "vitest";
import { demoChangeRunner } from "../../../src/app/change/wiring.js";
import { analyze } from "../../../src/core/analyze.js";
import type { Route } from "../../../src/core/model.js";
import { ValidationError } from "../../../src/core/route-change.js";
import type { IntentRecord } from "../../../src/system/journal/journal.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";
import { setup } from "./runner-setup.js";
import { analysis, baseRoutes, route } from "./world.js";

const inTable100 = (r: Route): Route => ({ ...r, table: "100" });
const WRONG_100 = () => [...baseRoutes(), inTable100(route("10.0.0.0/8", "192.168.1.1", "eth0"))];
const PINNED_100 = () => [...WRONG_100(), inTable100(route("10.0.0.0/8", "192.168.1.254", "eth1"))];

describe("a table other than main", () => {
  it("add: the argv and its revert name the table, the journal keeps it, the table is verified", async () => {
    const { runner, journal, changes } = setup({}, [PINNED_100()]);
    const add = {
      action: "add" as const,
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "eth1",
      persistent: false,
      table: "100",
    };
    const p = await changes.prepare(add, analysis(WRONG_100()));
    if (p instanceof ValidationError) throw p;
    expect(p.argv.join(" ")).toBe("ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1 table 100");
    expect(p.revertArgv.join(" ")).toBe("ip route del 10.0.0.0/8 via 192.168.1.254 dev eth1 table 100");
    runner.expect(p.argv, {});
    const out = await changes.apply(p);
    expect(out).toMatchObject({
      status: "applied",
      message: "done and verified: 10.0.0.0/8 is in the table",
    });
    const intent = journal.read().records[0] as IntentRecord;
    expect(intent.change).toMatchObject({ table: "100" });
  });

  it("an add that lands in main is not taken for the one in table 100", async () => {
    const { runner, changes } = setup({}, [
      WRONG_100(),
      [...WRONG_100(), route("10.0.0.0/8", "192.168.1.254", "eth1")],
    ]);
    const add = {
      action: "add" as const,
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "eth1",
      persistent: false,
      table: "100",
    };
    const p = await changes.prepare(add, analysis(WRONG_100()));
    if (p instanceof ValidationError) throw p;
    runner.expect(p.argv, {});
    const out = await changes.apply(p);
    expect(out.status).toBe("unverified");
    expect(out.message).toMatch(/not 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1 table 100/);
  });

  it("delete: the route is found in its table (main has none), with its metric", async () => {
    const { changes } = setup({}, [WRONG_100()]);
    const del = {
      action: "delete" as const,
      destination: "10.0.0.0/8",
      gateway: null,
      interface: null,
      persistent: false,
      table: "100",
    };
    const p = await changes.prepare(del, analysis(WRONG_100()));
    if (p instanceof ValidationError) throw p;
    expect(p.argv.join(" ")).toBe("ip route del 10.0.0.0/8 via 192.168.1.1 dev eth0 metric 0 table 100");
    expect(p.revertArgv.join(" ")).toBe(
      "ip route add 10.0.0.0/8 via 192.168.1.1 dev eth0 metric 0 table 100",
    );
    // The same delete in main finds nothing there, and says what table 100 is not.
    const inMain = await changes.prepare({ ...del, table: undefined }, analysis(WRONG_100()));
    expect(inMain).toBeInstanceOf(ValidationError);
  });

  it("Windows has one table: a table is refused before anything is built", async () => {
    const demo = createDemoPlatform({ seed: 3 });
    const changes = demoChangeRunner(demo, { readOnly: false });
    const a = analyze(await demo.collect(), { now: 0 });
    const add = {
      action: "add" as const,
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "int",
      persistent: true,
      table: "100",
    };
    const p = await changes.prepare(add, a);
    expect(p).toBeInstanceOf(ValidationError);
    expect((p as ValidationError).message).toBe("table 100: only Linux has routing tables besides main");
  });
});
