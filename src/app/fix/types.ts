// The guided fix (`dualhome fix`): its data, shared by the state machine, the
// plan builder, the driver and the wizard's views.
import type { ImpactRow } from "../../core/impact.js";
import type { Analysis, Neighbour, OsKind, RouteChange } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import type { ExtrasArgv } from "../../system/platform.js";
import type { ProbeResult } from "../../system/probe.js";

/** One answer offered by a question; the first of a list is the suggestion. */
export interface Choice {
  value: string;
  label: string;
  /** Why it is offered, in plain words. */
  note: string;
}

interface Suggestions {
  cards: Choice[];
  /** For the chosen card; the last one is "type another address". */
  gateways: Choice[];
  ranges: string;
  proof: string;
  policyPath: string;
}

export interface Target {
  host: string;
  port: number;
}

export interface Answers {
  card: string | null;
  gateway: string | null;
  ranges: string[] | null;
  /** undefined: not asked yet; null: no proof wanted. */
  proof: Target | null | undefined;
  policyPath: string | null;
}

export interface CommandPair {
  argv: string[];
  /** Undoes `argv`; run in reverse order. */
  revert: string[];
}

type StepKind = "route" | "commands" | "manual";

export interface PlanStep {
  id: string;
  kind: StepKind;
  title: string;
  why: string;
  /** Optional steps are the expert extras: off unless the operator turns them on. */
  optional: boolean;
  enabled: boolean;
  change?: RouteChange;
  commands?: CommandPair[];
  /** commands: how to make it survive a reboot (not done by dualhome). */
  persistNote?: string;
  persistSnippet?: string;
  /** manual: what to do by hand, line by line. */
  manual?: string[];
}

export type StepStatus =
  | "pending"
  | "already"
  | "skipped"
  | "refused"
  | "failed"
  | "applied"
  | "unverified"
  | "kept"
  | "reverted";

export interface StepRecord {
  status: StepStatus;
  /** The commands that ran (or would have run), exactly. */
  argv: string[][];
  message: string;
  /** Journal id of a route change. */
  id: string | null;
  persistence: { note: string; snippet?: string } | null;
  at: number | null;
}

export interface ConfirmView {
  argv: string[][];
  revert: string[][];
  impact: ImpactRow[];
  operatorAffected: boolean;
  persistence: string;
  snippet?: string;
  warnings: string[];
  refusal: string | null;
  rollbackAfterS: number;
  /** Without a rollback, how the change is undone (default: `dualhome undo` reverts it). */
  undoWith?: string;
}

export interface ProofView {
  target: Target | null;
  result: ProbeResult | null;
  /** The card and gateway the probe left by, and whether the policy agrees. */
  card: string | null;
  gateway: string | null;
  ok: boolean;
  at: number;
  wrongBefore: number;
  wrongNow: number | null;
  /** Flows to the internal ranges that now leave by the internal card. */
  rightNow: number | null;
  polledAt: number | null;
  /** Why some flows are still wrong, when they are. */
  note: string | null;
}

/** A change still counting down when the fix starts: kept or reverted before anything is planned. */
export interface PendingChange {
  id: string;
  /** "route add 10.0.0.0/8 via 192.168.1.254 dev int". */
  what: string;
  rollbackAt: number;
  /** Past its deadline with no revert recorded (its watchdog may be late or gone). */
  overdue: boolean;
}

export type Phase =
  | { kind: "pending"; changes: PendingChange[] }
  | { kind: "observing" }
  | { kind: "observed" }
  | { kind: "ask-card" }
  | { kind: "ask-gateway"; typing: boolean }
  | { kind: "ask-ranges" }
  | { kind: "ask-proof" }
  | { kind: "ask-policy" }
  | { kind: "plan"; cursor: number }
  | { kind: "preparing"; step: number }
  | { kind: "confirm"; step: number; view: ConfirmView }
  | { kind: "applying"; step: number }
  | { kind: "keep"; step: number; rollbackAt: number | null; check: string | null }
  | { kind: "proving" }
  | { kind: "proved" }
  | { kind: "writing" }
  | { kind: "done" }
  | { kind: "fatal"; message: string };

export interface FixState {
  phase: Phase;
  now: number;
  /** When the session first looked: flows seen then are at least that old. */
  startedAt: number;
  /** A policy file given with --policy: its internal rule answers the questions first. */
  given: Policy | null;
  host: string;
  os: OsKind;
  platform: string;
  /** The platform's argv builders for the expert extras (Linux), or null. */
  extras: ExtrasArgv | null;
  analysis: Analysis | null;
  firstSeen: ReadonlyMap<string, number>;
  neighbours: Neighbour[];
  observations: string[];
  suggestions: Suggestions;
  answers: Answers;
  /** The text question's current input and what is wrong with it. */
  text: string;
  textError: string | null;
  plan: PlanStep[];
  records: StepRecord[];
  /** What was wrong when the plan was made, for the summary, and how many flows left the wrong card. */
  wrongAtPlan: string[];
  wrongBefore: number;
  proof: ProofView | null;
  files: { policy: string | null; summary: string | null; errors: string[] };
  summary: string | null;
  /** Why applying stopped before the end (a failure, a revert, the operator). */
  stopped: string | null;
  /** One passing line for people (e.g. a poll that failed). */
  note: string | null;
  /** What became of the changes that were counting down when the fix started, for the summary. */
  before: string[];
}

/** What the answers name once complete: the internal card, its gateway, the internal ranges. */
export interface Intent {
  card: string;
  gateway: string;
  ranges: string[];
}
