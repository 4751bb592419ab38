import { describe, expect, it } from "vitest";
import { type ChangeController, createChangeController } from "../../src/app/change-controller.js";
import type { PreparedUndo } from "../../src/app/change-runner.js";
import { reducer } from "../../src/app/reducer.js";
import { type Action, type AppState, initialState } from "../../src/app/state.js";
import { createStore, type Store } from "../../src/app/store.js";
import { DEMO_POLICY } from "../../src/commands/watch-command.js";
import { analyze } from "../../src/core/analyze.js";
import type { Analysis, Finding, RouteChange } from "../../src/core/model.js";
import type { IntentRecord } from "../../src/system/journal.js";
import { createDemoPlatform } from "../../src/system/simulated/demo-platform.js";
import { type FakeChanges, fakeChanges, preparedOf, ValidationError } from "./support/fake-changes.js";

const T0 = 1_000_000;
const NO_TIMERS = { setTimeout: () => 0, clearTimeout: () => {} };

async function demoAnalysis(policy = true): Promise<Analysis> {
  const snap = await createDemoPlatform({ seed: 7, clock: () => T0 }).collect();
  return analyze(snap, { policy: policy ? DEMO_POLICY : null, policySource: "test", now: T0 });
}

interface Setup {
  store: Store<AppState, Action>;
  c: ChangeController;
  changes: FakeChanges;
  refreshes: () => number;
  clock: { t: number };
}

function setup(analysis: Analysis, changes = fakeChanges(), rollbackAfterS = 60): Setup {
  const store = createStore(reducer, initialState());
  store.dispatch({ type: "poll-start", seq: 1 });
  store.dispatch({ type: "poll-ok", seq: 1, analysis, firstSeen: new Map(), partErrors: {}, now: T0 });
  let refreshes = 0;
  const clock = { t: T0 };
  const c = createChangeController({
    store,
    poller: { refresh: () => refreshes++ },
    changes,
    rollbackAfterS,
    policy: null,
    policySource: "test",
    timers: NO_TIMERS,
    now: () => clock.t,
  });
  return { store, c, changes, refreshes: () => refreshes, clock };
}

const ui = (s: Setup) => s.store.getState().change;

describe("change controller: f → confirmation → y → outcome → k", () => {
  it("the confirmation carries the prepared argv, and y applies that very object", async () => {
    const s = setup(await demoAnalysis());
    await s.c.fix();
    const confirm = ui(s).confirm;
    expect(confirm?.title).toBe("route add 10.0.0.0/8 via 192.168.1.254 dev int");
    expect(confirm?.commands).toEqual([["route", "add", "10.0.0.0", "mask", "255.0.0.0", "192.168.1.254"]]);
    expect(confirm?.rollbackAfterS).toBe(60);
    expect(s.changes.applied).toHaveLength(0);
    await s.c.confirm();
    expect(s.changes.applied).toHaveLength(1);
    expect(s.changes.applied[0]?.prepared.argv).toBe(
      confirm?.payload.kind === "change" && confirm.payload.prepared.argv,
    );
    expect(s.changes.applied[0]?.opts).toEqual({ rollbackAfterS: 60 });
    expect(ui(s)).toMatchObject({
      confirm: null,
      busy: null,
      outcome: { ok: true, lines: ["done and verified: 10.0.0.0/8 is in the table"] },
      rollbacks: [
        { id: "c1", what: "route add 10.0.0.0/8 via 192.168.1.254 dev int", rollbackAt: T0 + 60_000 },
      ],
    });
    expect(s.refreshes()).toBe(1);

    s.c.keep();
    expect(s.changes.kept).toEqual(["c1"]);
    expect(ui(s).rollbacks).toEqual([]);
    expect(ui(s).outcome?.lines).toEqual(["kept: route add 10.0.0.0/8 via 192.168.1.254 dev int stays"]);
    expect(s.refreshes()).toBe(2);
  });

  it("n (cancel) closes the confirmation and runs nothing", async () => {
    const s = setup(await demoAnalysis());
    await s.c.fix();
    s.c.cancel();
    expect(ui(s).confirm).toBeNull();
    expect(s.changes.applied).toHaveLength(0);
    expect(s.store.getState().status).toBe("cancelled: nothing was changed");
  });

  it("a refused change (read-only) runs nothing and says why", async () => {
    const changes = fakeChanges({
      prepare: (c) => preparedOf(c, { refusal: "read-only: nothing was changed" }),
    });
    const s = setup(await demoAnalysis(), changes);
    await s.c.fix();
    expect(ui(s).confirm?.refusal).toBe("read-only: nothing was changed");
    await s.c.confirm();
    expect(changes.applied).toHaveLength(0);
    expect(ui(s).outcome).toEqual({ ok: false, lines: ["read-only: nothing was changed"] });
  });

  it("a failed command says so and that nothing changed; no countdown", async () => {
    const changes = fakeChanges({
      apply: () => ({
        status: "failed",
        message: "The route addition failed: Element not found.",
        rollbackAt: null,
      }),
    });
    const s = setup(await demoAnalysis(), changes);
    await s.c.fix();
    await s.c.confirm();
    expect(ui(s).outcome).toEqual({
      ok: false,
      lines: [
        "route add 10.0.0.0/8 via 192.168.1.254 dev int failed: The route addition failed: Element not found.",
        "nothing was changed",
      ],
    });
    expect(ui(s).rollbacks).toEqual([]);
  });
});

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

describe("change controller: the form, several changes, undo", () => {
  it("a fix whose gateway is unknown opens the form; the host's refusal lands on the field", async () => {
    const changes = fakeChanges({
      prepare: () =>
        new ValidationError("10.0.0.0/8 via 192.168.1.254 dev int is already in the table", "destination"),
    });
    const s = setup(await demoAnalysis(false), changes);
    await s.c.fix();
    expect(ui(s).form).toMatchObject({
      destination: "10.0.0.0/8",
      card: "int",
      gateway: "",
      focus: "gateway",
    });
    await s.c.submitForm();
    expect(changes.prepared).toHaveLength(0);
    expect(ui(s).form?.focus).toBe("gateway");
    s.store.dispatch({ type: "form-edit", patch: { gateway: "192.168.1.254" } });
    await s.c.submitForm();
    expect(changes.prepared).toEqual([
      {
        action: "add",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "int",
        persistent: true,
      },
    ]);
    expect(ui(s).form?.error).toEqual({ field: "destination", message: expect.stringContaining("already") });
    expect(ui(s).form?.focus).toBe("destination");
  });

  it("a fix of two changes is confirmed one at a time, the second after the first applied", async () => {
    const a = await demoAnalysis();
    const del: RouteChange = {
      action: "delete",
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "ext",
      persistent: true,
    };
    const add: RouteChange = { ...del, action: "add", interface: "int" };
    const finding: Finding = {
      id: "route-not-pinned",
      severity: "warning",
      message: "pin it",
      subject: "10.0.0.0/8",
      fix: [del, add],
    };
    const s = setup({ ...a, findings: [finding] });
    s.store.dispatch({ type: "focus", pane: "findings" });
    await s.c.fix();
    expect(ui(s).confirm?.step).toEqual({ index: 1, count: 2 });
    expect(ui(s).confirm?.title).toContain("route del 10.0.0.0/8");
    await s.c.confirm();
    expect(ui(s).confirm?.step).toEqual({ index: 2, count: 2 });
    expect(ui(s).confirm?.title).toContain("route add 10.0.0.0/8");
    s.c.cancel();
    expect(s.changes.applied.map((x) => x.prepared.change.action)).toEqual(["delete"]);
  });

  it("u confirms the journaled revert, then runs exactly that", async () => {
    const u: PreparedUndo = {
      ok: true,
      id: "c9",
      intent: {} as IntentRecord,
      change: {
        action: "delete",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "int",
        persistent: true,
      },
      commands: [["route", "delete", "10.0.0.0", "mask", "255.0.0.0", "192.168.1.254"]],
      description: "c9: route add 10.0.0.0/8 via 192.168.1.254 dev int",
      impact: [],
      operatorAffected: false,
      refusal: null,
    };
    const s = setup(await demoAnalysis(), fakeChanges({ undo: u }));
    s.c.undo();
    expect(ui(s).confirm).toMatchObject({ title: `undo ${u.description}`, commands: u.commands });
    await s.c.confirm();
    expect(s.changes.undone).toEqual([u]);
    expect(ui(s).outcome).toEqual({ ok: true, lines: ["reverted and verified: 10.0.0.0/8 is gone"] });
  });

  it("u with nothing to undo says so", async () => {
    const s = setup(await demoAnalysis());
    s.c.undo();
    expect(ui(s).confirm).toBeNull();
    expect(s.store.getState().status).toContain("nothing to undo");
  });
});
