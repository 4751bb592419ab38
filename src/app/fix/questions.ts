// The guided fix's questions as state transitions: a choice or a typed answer
// moves on to the next question (or back), and the last one makes the plan.
import type { Analysis } from "../../core/model.js";
import { checkGateway, checkPolicyPath, checkProof, checkRanges } from "./answers.js";
import { wrongFlows } from "./facts.js";
import { answeredPolicy, buildPlan, intentOf, reanalyze, whatIsWrong } from "./plan.js";
import { suggestGateways, suggestProof, suggestRanges, TYPE_GATEWAY } from "./suggest.js";
import type { FixState, Phase, StepRecord } from "./types.js";

export const go = (s: FixState, phase: Phase, more: Partial<FixState> = {}): FixState => ({
  ...s,
  ...more,
  phase,
  textError: null,
});

function toRanges(s: FixState, gateway: string): FixState {
  const card = s.answers.card ?? "";
  const ranges = s.answers.ranges?.join(", ") ?? suggestRanges(s.analysis as Analysis, card, s.given);
  return go(s, { kind: "ask-ranges" }, { answers: { ...s.answers, gateway }, text: ranges });
}

function makePlan(s: FixState, policyPath: string): FixState {
  const answers = { ...s.answers, policyPath };
  const intent = intentOf(answers);
  if (!intent || !s.analysis) return go(s, { kind: "fatal", message: "the answers are incomplete" });
  const answered = reanalyze(s.analysis, answeredPolicy(s.analysis, intent), s.firstSeen, s.now);
  const plan = buildPlan(answered, intent, s.extras);
  const pending: StepRecord = {
    status: "pending",
    argv: [],
    message: "",
    id: null,
    persistence: null,
    at: null,
  };
  return go(
    s,
    { kind: "plan", cursor: 0 },
    {
      answers,
      plan,
      records: plan.map(() => pending),
      wrongAtPlan: whatIsWrong(answered),
      wrongBefore: wrongFlows(answered).length,
    },
  );
}

export function submit(s: FixState): FixState {
  const a = s.analysis;
  if (!a) return s;
  const bad = (error: string) => ({ ...s, textError: error });
  switch (s.phase.kind) {
    case "ask-gateway": {
      const r = checkGateway(a, s.answers.card ?? "", s.text);
      return r.ok ? toRanges(s, r.value) : bad(r.error);
    }
    case "ask-ranges": {
      const r = checkRanges(s.text);
      if (!r.ok) return bad(r.error);
      const proof = suggestProof(a, r.value);
      const text = s.answers.proof ? `${s.answers.proof.host}:${s.answers.proof.port}` : proof;
      const answers = { ...s.answers, ranges: r.value };
      return go(s, { kind: "ask-proof" }, { answers, text, suggestions: { ...s.suggestions, proof } });
    }
    case "ask-proof": {
      const r = checkProof(s.text, s.answers.ranges ?? []);
      if (!r.ok) return bad(r.error);
      const text = s.answers.policyPath ?? s.suggestions.policyPath;
      return go(s, { kind: "ask-policy" }, { answers: { ...s.answers, proof: r.value }, text });
    }
    case "ask-policy": {
      const r = checkPolicyPath(s.text);
      return r.ok ? makePlan(s, r.value) : bad(r.error);
    }
    default:
      return s;
  }
}

export function choose(s: FixState, value: string): FixState {
  const a = s.analysis;
  if (!a) return s;
  if (s.phase.kind === "ask-card") {
    const gateways = suggestGateways(a, value, s.neighbours, s.given);
    const answers = { ...s.answers, card: value };
    return go(
      s,
      { kind: "ask-gateway", typing: false },
      { answers, suggestions: { ...s.suggestions, gateways } },
    );
  }
  if (s.phase.kind === "ask-gateway" && !s.phase.typing) {
    if (value === TYPE_GATEWAY) return go(s, { kind: "ask-gateway", typing: true }, { text: "" });
    return toRanges(s, value);
  }
  return s;
}

export function back(s: FixState): FixState {
  const a = s.answers;
  switch (s.phase.kind) {
    case "ask-gateway":
      return go(s, s.phase.typing ? { kind: "ask-gateway", typing: false } : { kind: "ask-card" });
    case "ask-ranges":
      return go(s, { kind: "ask-gateway", typing: false });
    case "ask-proof":
      return go(s, { kind: "ask-ranges" }, { text: a.ranges?.join(", ") ?? s.suggestions.ranges });
    case "ask-policy":
      return go(s, { kind: "ask-proof" }, { text: a.proof ? `${a.proof.host}:${a.proof.port}` : "" });
    case "plan":
      return go(s, { kind: "ask-policy" }, { text: a.policyPath ?? s.suggestions.policyPath });
    default:
      return s;
  }
}
