// The change runner refuses: bad input never reaches a command, and a read-only
// or unprivileged run changes nothing (no command, no journal, no watchdog).
import { describe, expect, it } from "vitest";
import { createChangeRunner } from "../../../src/app/change/runner.js";
import { analyze } from "../../../src/core/analyze.js";
import type { RouteChange } from "../../../src/core/model.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { ADD_10, prepared, setup, WITH_10 } from "./runner-setup.js";
import { analysis, baseRoutes, snapshot, tablePlatform } from "./world.js";

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

  it("says the table cannot be read before it says the card is unknown (Windows without route.exe)", async () => {
    const { runner, journal, changes } = setup();
    const error = `route failed: Can't recognize 'route "print"' as an internal or external command`;
    // Without route print there are no card indexes either: the card list is empty.
    const noTable = analyze(
      {
        ...snapshot(),
        interfaces: { ok: true, value: [], warnings: [] },
        routes: { ok: false, error, warnings: [] },
      },
      { now: 1_000 },
    );
    const p = await changes.prepare(ADD_10, noTable);
    expect((p as ValidationError).message).toBe(`cannot read the routing table: ${error}`);
    expect(runner.calls).toEqual([]);
    expect(journal.read().records).toEqual([]);
  });

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
