// The guided fix as a pure state machine: look, ask, plan, then one step at a
// time (confirm, apply, keep or revert), prove, write. The driver
// (fix-session.ts) runs the I/O each phase needs and feeds the results back.
import type { Analysis, Neighbour, OsKind } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import type { ExtrasArgv } from "../../system/platform.js";
import { observe } from "./observe.js";
import { back, choose, go, submit } from "./questions.js";
import { DEFAULT_POLICY_PATH, suggestCards } from "./suggest.js";
import type { ConfirmView, FixState, PendingChange, ProofView, StepRecord } from "./types.js";

export type FixEvent =
  | { type: "pending"; changes: PendingChange[] }
  | { type: "pending-settled"; lines: string[] }
  | { type: "polled"; analysis: Analysis; firstSeen: ReadonlyMap<string, number>; now: number }
  | { type: "neighbours"; neighbours: Neighbour[] }
  | { type: "note"; text: string | null }
  | { type: "next" }
  | { type: "back" }
  | { type: "choose"; value: string }
  | { type: "text"; text: string }
  | { type: "submit" }
  | { type: "move"; delta: number }
  | { type: "toggle" }
  | { type: "prepared"; step: number; view: ConfirmView }
  | { type: "confirm"; yes: boolean }
  | { type: "stop"; reason: string }
  | { type: "step-done"; step: number; record: StepRecord; stop?: string }
  | { type: "applied"; step: number; record: StepRecord; rollbackAt: number | null }
  | { type: "check"; text: string }
  | { type: "proof"; proof: ProofView }
  | { type: "written"; files: FixState["files"]; summary: string }
  | { type: "tick"; now: number }
  | { type: "fatal"; message: string };

interface FixStart {
  host: string;
  os: OsKind;
  platform: string;
  now: number;
  given?: Policy | null;
  /** The platform's argv builders for the expert extras, where it offers them. */
  extras?: ExtrasArgv | null;
}

export function initialFixState(s: FixStart): FixState {
  return {
    phase: { kind: "observing" },
    now: s.now,
    startedAt: s.now,
    given: s.given ?? null,
    host: s.host,
    os: s.os,
    platform: s.platform,
    extras: s.extras ?? null,
    analysis: null,
    firstSeen: new Map(),
    neighbours: [],
    observations: [],
    suggestions: { cards: [], gateways: [], ranges: "", proof: "", policyPath: DEFAULT_POLICY_PATH },
    answers: { card: null, gateway: null, ranges: null, proof: undefined, policyPath: null },
    text: "",
    textError: null,
    plan: [],
    records: [],
    wrongAtPlan: [],
    wrongBefore: 0,
    proof: null,
    files: { policy: null, summary: null, errors: [] },
    summary: null,
    stopped: null,
    note: null,
    before: [],
  };
}

/** The next step to apply after `from`, or the proof when none is left. */
function advance(s: FixState, from: number): FixState {
  const i = s.plan.findIndex((p, n) => n > from && p.enabled && p.kind !== "manual");
  return go(s, i < 0 ? { kind: "proving" } : { kind: "preparing", step: i });
}

function record(s: FixState, step: number, r: StepRecord): StepRecord[] {
  return s.records.map((x, i) => (i === step ? r : x));
}

function polled(s: FixState, e: Extract<FixEvent, { type: "polled" }>): FixState {
  const asking = ["observing", "observed", "ask-card"].includes(s.phase.kind);
  const next = {
    ...s,
    // Flows already there at the first look are older than the session can tell.
    startedAt: s.analysis ? s.startedAt : e.now,
    host: e.analysis.snapshot.host,
    analysis: e.analysis,
    firstSeen: e.firstSeen,
    now: e.now,
    note: null,
  };
  next.observations = observe(e.analysis, e.firstSeen, e.now, next.startedAt);
  if (asking) next.suggestions = { ...s.suggestions, cards: suggestCards(e.analysis, s.given) };
  return s.phase.kind === "observing" ? go(next, { kind: "observed" }) : next;
}

export function fixReducer(s: FixState, e: FixEvent): FixState {
  const p = s.phase;
  switch (e.type) {
    case "pending":
      // Only before the first look: a plan must never be made over a change of unknown fate.
      return p.kind === "observing" && !s.analysis && e.changes.length > 0
        ? go(s, { kind: "pending", changes: e.changes })
        : s;
    case "pending-settled":
      return p.kind === "pending" ? go(s, { kind: "observing" }, { before: e.lines, note: null }) : s;
    case "polled":
      // A look that raced the question is not what the plan is made from.
      if (p.kind === "pending") return s;
      return polled(s, e);
    case "neighbours":
      return { ...s, neighbours: e.neighbours };
    case "note":
      return { ...s, note: e.text };
    case "tick":
      return { ...s, now: e.now };
    case "fatal":
      return go(s, { kind: "fatal", message: e.message });
    case "text":
      return { ...s, text: e.text, textError: null };
    case "submit":
      return submit(s);
    case "choose":
      return choose(s, e.value);
    case "back":
      return back(s);
    case "next":
      if (p.kind === "observed" && s.analysis && s.suggestions.cards.length === 0) {
        const part = s.analysis.snapshot.interfaces;
        const why = part.ok ? "this host has no up card with an IPv4 address" : part.error;
        return go(s, { kind: "fatal", message: `there is no card to pin routes to: ${why}` });
      }
      if (p.kind === "observed" && s.analysis) return go(s, { kind: "ask-card" });
      if (p.kind === "plan") return advance(s, -1);
      if (p.kind === "proved") return go(s, { kind: "writing" });
      return s;
    case "move":
      if (p.kind !== "plan" || s.plan.length === 0) return s;
      return go(s, { kind: "plan", cursor: Math.max(0, Math.min(s.plan.length - 1, p.cursor + e.delta)) });
    case "toggle": {
      const step = p.kind === "plan" ? s.plan[p.cursor] : undefined;
      if (p.kind !== "plan" || !step?.optional || step.kind === "manual") return s;
      return { ...s, plan: s.plan.map((x, i) => (i === p.cursor ? { ...x, enabled: !x.enabled } : x)) };
    }
    case "prepared":
      return p.kind === "preparing" && p.step === e.step
        ? go(s, { kind: "confirm", step: e.step, view: e.view })
        : s;
    case "confirm": {
      if (p.kind !== "confirm") return s;
      if (e.yes) return go(s, { kind: "applying", step: p.step });
      const skipped: StepRecord = {
        status: "skipped",
        argv: p.view.argv,
        message: "skipped by the operator",
        id: null,
        persistence: null,
        at: s.now,
      };
      return advance({ ...s, records: record(s, p.step, skipped) }, p.step);
    }
    case "stop":
      return go(s, { kind: "proving" }, { stopped: e.reason });
    case "step-done": {
      const next = { ...s, records: record(s, e.step, e.record) };
      return e.stop ? go(next, { kind: "proving" }, { stopped: e.stop }) : advance(next, e.step);
    }
    case "applied": {
      const next = { ...s, records: record(s, e.step, e.record) };
      if (e.rollbackAt === null) return advance(next, e.step);
      return go(next, { kind: "keep", step: e.step, rollbackAt: e.rollbackAt, check: null });
    }
    case "check":
      return p.kind === "keep" ? { ...s, phase: { ...p, check: e.text } } : s;
    case "proof":
      return p.kind === "proving" || p.kind === "proved" ? go(s, { kind: "proved" }, { proof: e.proof }) : s;
    case "written":
      return go(s, { kind: "done" }, { files: e.files, summary: e.summary });
  }
}
