import { describe, expect, it } from "vitest";
import { reducer } from "../../../src/app/live/reducer.js";
import { newForm } from "../../../src/app/live/route-form.js";
import { type Action, initialState } from "../../../src/app/live/state.js";
import { INTERFACES } from "../../../src/system/simulated/demo-host.js";

const run = (actions: Action[]) => actions.reduce(reducer, initialState());
const R1 = { id: "c1", what: "route add 10.0.0.0/8 via 192.168.1.254 dev int", rollbackAt: 61_000 };
const R2 = { ...R1, id: "c2", rollbackAt: 70_000 };

describe("reducer: the change part of the state", () => {
  it("an outcome with a rollback starts its countdown; settled ones stop; the clock moves", () => {
    const s = run([
      { type: "change-outcome", outcome: { ok: true, lines: ["done"] }, now: 1_000, rollback: R1 },
      { type: "change-outcome", outcome: { ok: true, lines: ["done"] }, now: 2_000, rollback: R2 },
      { type: "change-tick", now: 3_000 },
    ]);
    expect(s.change.rollbacks.map((r) => r.id)).toEqual(["c1", "c2"]);
    expect(s.change.clock).toBe(3_000);
    const kept = reducer(s, { type: "change-outcome", outcome: null, settled: ["c1"], now: 4_000 });
    expect(kept.change.rollbacks.map((r) => r.id)).toEqual(["c2"]);
    // No new outcome: the last one stays on screen.
    expect(kept.change.outcome).toEqual({ ok: true, lines: ["done"] });
  });

  it("Esc clears the outcome and the journal notice, never a running countdown", () => {
    const s = run([
      { type: "change-notice", text: "a change was interrupted", rollbacks: [R1] },
      { type: "change-outcome", outcome: { ok: false, lines: ["failed"] }, now: 1_000 },
      { type: "dismiss" },
    ]);
    expect(s.change).toMatchObject({ notice: null, outcome: null, rollbacks: [R1] });
  });

  it("the form: edits clear the host's refusal; a refusal on 'interface' focuses the card", () => {
    const s = run([
      { type: "form-open", form: newForm(INTERFACES) },
      { type: "form-error", field: "interface", message: "this host has no card" },
    ]);
    expect(s.change.form).toMatchObject({ focus: "card", error: { field: "interface" } });
    const edited = reducer(s, { type: "form-edit", patch: { card: "int" } });
    expect(edited.change.form).toMatchObject({ card: "int", error: null });
    expect(reducer(edited, { type: "form-close" }).change.form).toBeNull();
  });

  it("form actions without a form, and a tick at the same time, change nothing", () => {
    const s = initialState();
    expect(reducer(s, { type: "form-edit", patch: { gateway: "x" } })).toBe(s);
    expect(reducer(s, { type: "change-tick", now: 0 })).toBe(s);
  });
});
