// The change controller's rollback countdown follows the journal: reverts,
// late keeps, overdue rollbacks, and changes left by an earlier run.
import { describe, expect, it } from "vitest";
import type { IntentRecord } from "../../../src/system/journal/journal.js";
import { fakeChanges } from "../change/fake-changes.js";
import { demoAnalysis, setup, T0, ui } from "./change-controller-setup.js";

describe("change controller: the countdown follows the journal", () => {
  it("counts down, then reports the watchdog's revert and polls", async () => {
    const s = setup(await demoAnalysis());
    await s.c.fix();
    await s.c.confirm();
    s.clock.t = T0 + 3_000;
    s.c.check();
    expect(ui(s).clock).toBe(T0 + 3_000);
    expect(ui(s).rollbacks).toHaveLength(1);
    s.changes.statuses.set("c1", "reverted");
    const before = s.refreshes();
    s.c.check();
    expect(ui(s).rollbacks).toEqual([]);
    expect(ui(s).outcome?.lines[0]).toBe(
      "route add 10.0.0.0/8 via 192.168.1.254 dev int was reverted by watchdog: it is undone",
    );
    expect(s.refreshes()).toBe(before + 1);
  });

  it("a keep that comes too late leaves the countdown to report the revert", async () => {
    const s = setup(await demoAnalysis());
    await s.c.fix();
    await s.c.confirm();
    s.changes.statuses.set("c1", "reverting");
    s.c.keep();
    expect(ui(s).rollbacks).toHaveLength(1);
    expect(ui(s).outcome).toMatchObject({ ok: false, lines: [expect.stringContaining("too late")] });
  });

  it("an overdue rollback (watchdog gone) is said after a grace period", async () => {
    const s = setup(await demoAnalysis());
    await s.c.fix();
    await s.c.confirm();
    s.changes.statuses.set("c1", "rollback-overdue");
    s.clock.t = T0 + 61_000;
    s.c.check();
    expect(ui(s).rollbacks).toHaveLength(1);
    s.clock.t = T0 + 90_000;
    s.c.check();
    expect(ui(s).rollbacks).toEqual([]);
    expect(ui(s).outcome?.lines[0]).toContain(
      "was not reverted (its watchdog is gone): it is still applied; u undoes it",
    );
  });

  it("at start: an interrupted change is a notice; a rollback from an earlier run counts down", async () => {
    const changes = fakeChanges();
    const intent = {
      id: "old1",
      change: {
        action: "add",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "int",
        persistent: true,
      },
      rollbackAt: T0 + 30_000,
    } as IntentRecord;
    changes.journal = {
      interrupted: [
        {
          intent,
          stage: "apply",
          message: "a change was interrupted: old1 (…) has no recorded result: check the table",
        },
      ],
      pending: [intent],
      overdue: [],
      warnings: [],
    };
    const s = setup(await demoAnalysis(), changes);
    s.c.start();
    expect(ui(s).notice).toContain("a change was interrupted: old1");
    expect(ui(s).rollbacks).toEqual([
      { id: "old1", what: "route add 10.0.0.0/8 via 192.168.1.254 dev int", rollbackAt: T0 + 30_000 },
    ]);
    changes.statuses.set("old1", "rollback-pending");
    s.c.keep();
    expect(changes.kept).toEqual(["old1"]);
    s.store.dispatch({ type: "dismiss" });
    expect(ui(s).notice).toBeNull();
  });
});
