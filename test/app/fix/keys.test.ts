// The guided fix's keys, phase by phase (issue 12): only c keeps (after a step,
// and for a change counting down when the fix starts); k, j, g and G move in
// the plan; no key of a screen that moves or types keeps anything.
import { describe, expect, it } from "vitest";
import { intentOfKey, type KeyLike } from "../../../src/app/fix/keys.js";
import { initialFixState } from "../../../src/app/fix/machine.js";
import type { FixState, Phase, PlanStep } from "../../../src/app/fix/types.js";
import { T0 } from "./support.js";

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const NAMED: KeyLike[] = [
  { upArrow: true },
  { downArrow: true },
  { return: true },
  { escape: true },
  { tab: true },
  { backspace: true },
  { delete: true },
];
const VIEW = {
  argv: [],
  revert: [],
  impact: [],
  operatorAffected: false,
  persistence: "",
  warnings: [],
  refusal: null,
  rollbackAfterS: 60,
};
const PHASES: Phase[] = [
  { kind: "pending", changes: [{ id: "a1", what: "route add 10.0.0.0/8", rollbackAt: T0, overdue: false }] },
  { kind: "observing" },
  { kind: "observed" },
  { kind: "ask-card" },
  { kind: "ask-gateway", typing: false },
  { kind: "ask-gateway", typing: true },
  { kind: "ask-ranges" },
  { kind: "ask-proof" },
  { kind: "ask-policy" },
  { kind: "plan", cursor: 1 },
  { kind: "preparing", step: 0 },
  { kind: "confirm", step: 0, view: VIEW },
  { kind: "applying", step: 0 },
  { kind: "keep", step: 0, rollbackAt: T0, check: null },
  { kind: "proving" },
  { kind: "proved" },
  { kind: "writing" },
  { kind: "done" },
  { kind: "fatal", message: "x" },
];
const step = (id: string): PlanStep => ({
  id,
  kind: "route",
  title: id,
  why: "",
  optional: false,
  enabled: true,
});

function inPhase(phase: Phase): FixState {
  const s = initialFixState({ host: "h", os: "linux", platform: "linux", now: T0 });
  return { ...s, phase, plan: [step("a"), step("b"), step("c")] };
}

describe("the guided fix's keys", () => {
  it("only c (or C) keeps, and only where something is counting down; every other key of every phase does not", () => {
    for (const phase of PHASES) {
      const s = inPhase(phase);
      const counting = phase.kind === "keep" || phase.kind === "pending";
      for (const input of PRINTABLE) {
        const keeps = intentOfKey(s, input, {}).do === "keep";
        expect({ phase: phase.kind, input, keeps }).toEqual({
          phase: phase.kind,
          input,
          keeps: counting && (input === "c" || input === "C"),
        });
      }
      for (const key of NAMED) expect(intentOfKey(s, "", key).do).not.toBe("keep");
    }
  });

  it("n reverts where something counts down; q leaves the pending question (its watchdog reverts it)", () => {
    for (const kind of ["keep", "pending"] as const) {
      const s = inPhase(PHASES.find((p) => p.kind === kind) as Phase);
      expect(intentOfKey(s, "n", {})).toEqual({ do: "revert" });
    }
    expect(intentOfKey(inPhase(PHASES[0] as Phase), "q", {})).toEqual({ do: "exit" });
    // Mid-step, q does nothing: the step's own question is answered with c or n.
    expect(intentOfKey(inPhase({ kind: "keep", step: 0, rollbackAt: T0, check: null }), "q", {}).do).toBe(
      "none",
    );
  });

  it("in the plan: k and j move by one, g and G go to the first and last row", () => {
    const s = inPhase({ kind: "plan", cursor: 1 });
    const moveOf = (input: string) => {
      const i = intentOfKey(s, input, {});
      return i.do === "send" && i.event.type === "move" ? i.event.delta : null;
    };
    expect([moveOf("k"), moveOf("j")]).toEqual([-1, 1]);
    expect(moveOf("g")).toBeLessThanOrEqual(-s.plan.length);
    expect(moveOf("G")).toBeGreaterThanOrEqual(s.plan.length);
  });
});
