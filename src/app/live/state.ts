// The whole TUI state, UI and data together, so one pure reducer owns every
// transition and a frame is a function of this value alone.

import type { ExplainResult } from "../../core/explain.js";
import type { Analysis, ClassifiedConnection } from "../../core/model.js";
import type { ProbeResult } from "../probe.js";
import { type ChangeAction, type ChangeUi, initialChangeUi } from "./change-state.js";
import { DEFAULT_SORT, type SortOrder } from "./sort-order.js";

export type Pane = "routes" | "connections" | "findings";
export const PANES: readonly Pane[] = ["routes", "connections", "findings"];

export type PartName = "interfaces" | "routes" | "rules" | "connections" | "sysctls";
export const PART_NAMES: readonly PartName[] = ["interfaces", "routes", "rules", "connections", "sysctls"];

type PromptKind = "filter" | "explain" | "probe";

/** The status while the poll `r` asked for runs; the poll's answer clears it. */
export const REFRESHING = "refreshing…";

/** How long a new or closed flow stays highlighted, as TCPView does. */
export const HIGHLIGHT_MS = 3000;

export interface ClosedFlow {
  conn: ClassifiedConnection;
  closedAt: number;
}

/** A prompt line being edited (see line-edit.ts). */
interface Prompt {
  kind: PromptKind;
  text: string;
  cursor: number;
  historyAt: number | null;
  draft: string;
}

export interface ProbeView {
  host: string;
  port: number;
  startedAt: number;
  result: ProbeResult | null;
  error: string | null;
}

export type ExplainView = { query: string; result: ExplainResult } | { query: string; error: string };

export interface AppState {
  pane: Pane;
  cursor: Record<Pane, number>;
  /** First visible row per pane; kept so scrolling does not jump when the cursor moves. */
  offset: Record<Pane, number>;
  filter: Record<Pane, string>;
  wrongOnly: boolean;
  /** s / S: the column each pane is sorted by. */
  sort: SortOrder;
  paused: boolean;
  helpOpen: boolean;
  /** The help's page on a screen too short for all of it. */
  helpPage: number;
  /** Enter: the selected row of the focused pane in full, until Esc. */
  detailOpen: boolean;
  prompt: Prompt | null;
  /** What was entered in each prompt, oldest first (↑ recalls it). */
  history: Record<PromptKind, readonly string[]>;
  /** One line for the status bar ("not yet: add route"); cleared by the next key. */
  status: string | null;
  explain: ExplainView | null;
  probe: ProbeView | null;
  /** Last good analysis; kept when a poll fails. */
  analysis: Analysis | null;
  stale: boolean;
  error: string | null;
  /** Parts that failed in the last poll (their last good value is shown). */
  partErrors: Partial<Record<PartName, string>>;
  seq: { started: number; applied: number };
  polling: boolean;
  /** Epoch ms of the last applied poll: the clock every highlight and age is measured against. */
  now: number;
  /** Epoch ms of the first applied poll; flows present then are not "new". */
  firstPollAt: number | null;
  firstSeen: ReadonlyMap<string, number>;
  closed: ReadonlyMap<string, ClosedFlow>;
  /** Epoch ms when the last "new" highlight runs out (0: none shown). */
  highlightUntil: number;
  /** The add form, the confirmation, the outcome and the rollback countdowns. */
  change: ChangeUi;
}

const perPane = <T>(v: T): Record<Pane, T> => ({ routes: v, connections: v, findings: v });

export function initialState(): AppState {
  return {
    pane: "connections",
    cursor: perPane(0),
    offset: perPane(0),
    filter: perPane(""),
    wrongOnly: false,
    sort: DEFAULT_SORT,
    paused: false,
    helpOpen: false,
    helpPage: 0,
    detailOpen: false,
    prompt: null,
    history: { filter: [], explain: [], probe: [] },
    status: null,
    explain: null,
    probe: null,
    analysis: null,
    stale: false,
    error: null,
    partErrors: {},
    seq: { started: 0, applied: 0 },
    polling: false,
    now: 0,
    firstPollAt: null,
    firstSeen: new Map(),
    closed: new Map(),
    highlightUntil: 0,
    change: initialChangeUi(),
  };
}

export type Action =
  | { type: "poll-start"; seq: number }
  | {
      type: "poll-ok";
      seq: number;
      analysis: Analysis;
      firstSeen: ReadonlyMap<string, number>;
      partErrors: Partial<Record<PartName, string>>;
      now: number;
    }
  | { type: "poll-fail"; seq: number; error: string; now: number }
  /** The host answered exactly as the last poll did: nothing to apply unless a highlight runs out. */
  | { type: "poll-same"; seq: number; now: number }
  | { type: "focus-next" }
  | { type: "focus"; pane: Pane }
  | { type: "move"; delta: number; total: number; page: number }
  | { type: "move-to"; index: number; total: number; page: number }
  | { type: "toggle-wrong-only" }
  | { type: "set-paused"; paused: boolean }
  | { type: "toggle-help" }
  | { type: "detail-open" }
  | { type: "help-page"; delta: number }
  | { type: "sort-next" }
  | { type: "sort-reverse" }
  | { type: "dismiss" }
  | { type: "prompt-open"; kind: PromptKind; text?: string }
  /** A cursor or history position left out: the end of the text, a fresh line. */
  | { type: "prompt-edit"; text: string; cursor?: number; historyAt?: number | null; draft?: string }
  | { type: "prompt-cancel" }
  | { type: "prompt-submit" }
  | { type: "status"; text: string | null }
  | { type: "explain-result"; view: ExplainView }
  | { type: "probe-start"; host: string; port: number; now: number }
  | { type: "probe-done"; startedAt: number; result: ProbeResult }
  | { type: "probe-error"; startedAt: number; error: string }
  | ChangeAction;
