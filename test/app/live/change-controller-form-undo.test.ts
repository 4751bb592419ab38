// The change controller: the route form when a fix lacks a gateway, fixes of
// several changes confirmed one at a time, and undo.
import { describe, expect, it } from "vitest";
import type { PreparedUndo } from "../../../src/app/change/runner.js";
import type { Finding, RouteChange } from "../../../src/core/model.js";
import type { IntentRecord } from "../../../src/system/journal/journal.js";
import { fakeChanges, ValidationError } from "../change/fake-changes.js";
import { demoAnalysis, setup, ui } from "./change-controller-setup.js";

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
      basis: "policy",
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
