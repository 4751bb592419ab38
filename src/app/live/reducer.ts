// Pure: (state, action) → state. Time comes in on the actions, never from a clock.
import { connectionKey } from "../../core/analyze.js";
import type { Analysis } from "../../core/model.js";
import { changeReducer, isChangeAction } from "./change-state.js";
import { remember } from "./line-edit.js";
import { CONN_SORTS, nextSort, ROUTE_SORTS, type SortOrder } from "./sort-order.js";
import {
  type Action,
  type AppState,
  type ClosedFlow,
  HIGHLIGHT_MS,
  PANES,
  type Pane,
  REFRESHING,
} from "./state.js";

function clampCursor(state: AppState, pane: Pane, index: number, total: number, page: number): AppState {
  const cursor = Math.max(0, Math.min(index, total - 1));
  const prev = state.offset[pane];
  const rows = Math.max(1, page);
  let offset = prev;
  if (cursor < offset) offset = cursor;
  else if (cursor >= offset + rows) offset = cursor - rows + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, total - rows)));
  return {
    ...state,
    cursor: { ...state.cursor, [pane]: cursor },
    offset: { ...state.offset, [pane]: offset },
  };
}

function resetCursor(state: AppState, pane: Pane): AppState {
  return { ...state, cursor: { ...state.cursor, [pane]: 0 }, offset: { ...state.offset, [pane]: 0 } };
}

/** Flows that vanished since the last poll stay visible (marked closed) for HIGHLIGHT_MS. */
function trackFlows(
  prev: Analysis | null,
  next: Analysis,
  firstSeen: ReadonlyMap<string, number>,
  seenBefore: ReadonlyMap<string, number>,
  closedBefore: ReadonlyMap<string, ClosedFlow>,
  now: number,
  firstPollAt: number,
): { firstSeen: Map<string, number>; closed: Map<string, ClosedFlow>; highlightUntil: number } {
  const live = new Set<string>();
  for (const c of next.connections) live.add(connectionKey(c));
  const closed = new Map<string, ClosedFlow>();
  for (const [k, v] of closedBefore) if (!live.has(k) && now - v.closedAt < HIGHLIGHT_MS) closed.set(k, v);
  if (prev && prev !== next) {
    for (const c of prev.connections) {
      const k = connectionKey(c);
      if (!live.has(k) && !closed.has(k)) closed.set(k, { conn: c, closedAt: now });
    }
  }
  const seen = new Map<string, number>();
  let highlightUntil = 0;
  for (const k of live) {
    const t = firstSeen.get(k) ?? seenBefore.get(k) ?? now;
    seen.set(k, t);
    if (t > firstPollAt && t + HIGHLIGHT_MS > highlightUntil) highlightUntil = t + HIGHLIGHT_MS;
  }
  return { firstSeen: seen, closed, highlightUntil };
}

function applyPoll(state: AppState, action: Extract<Action, { type: "poll-ok" }>): AppState {
  if (action.seq <= state.seq.applied) return state;
  const flows = trackFlows(
    state.analysis,
    action.analysis,
    action.firstSeen,
    state.firstSeen,
    state.closed,
    action.now,
    state.firstPollAt ?? action.now,
  );
  return {
    ...state,
    analysis: action.analysis,
    stale: Object.keys(action.partErrors).length > 0,
    error: null,
    partErrors: action.partErrors,
    seq: { ...state.seq, applied: action.seq },
    polling: action.seq < state.seq.started,
    now: action.now,
    firstPollAt: state.firstPollAt ?? action.now,
    firstSeen: flows.firstSeen,
    closed: flows.closed,
    highlightUntil: flows.highlightUntil,
    status: doneRefreshing(state.status),
  };
}

/** The poll `r` asked for has come back (also while paused): "refreshing…" is over. */
function doneRefreshing(status: string | null): string | null {
  return status === REFRESHING ? null : status;
}

/**
 * Nothing changed on the host: the same state object, so nothing is drawn,
 * unless the screen still shows something that runs out with time (a new or
 * closed flow's highlight) or an error that this good answer clears.
 */
function samePoll(state: AppState, action: Extract<Action, { type: "poll-same" }>): AppState {
  if (action.seq <= state.seq.applied || !state.analysis) return state;
  const quiet =
    !state.stale &&
    state.error === null &&
    state.closed.size === 0 &&
    state.now >= state.highlightUntil &&
    state.status !== REFRESHING;
  if (quiet) return state;
  const { seq, now } = action;
  return applyPoll(state, {
    type: "poll-ok",
    seq,
    now,
    analysis: state.analysis,
    firstSeen: state.firstSeen,
    partErrors: {},
  });
}

function failPoll(state: AppState, action: Extract<Action, { type: "poll-fail" }>): AppState {
  if (action.seq <= state.seq.applied) return state;
  return {
    ...state,
    stale: true,
    error: action.error,
    status: doneRefreshing(state.status),
    seq: { ...state.seq, applied: action.seq },
    polling: action.seq < state.seq.started,
  };
}

function promptSubmit(state: AppState): AppState {
  if (!state.prompt) return state;
  const { kind, text } = state.prompt;
  const history = { ...state.history, [kind]: remember(state.history[kind], text) };
  if (kind === "filter") {
    return { ...state, prompt: null, history, filter: { ...state.filter, [state.pane]: text.trim() } };
  }
  return { ...state, prompt: null, history };
}

/** s / S on the focused pane; the cursor goes to the top, where the order starts. */
function sortPane(state: AppState, reverse: boolean): AppState {
  const { sort } = state;
  if (state.pane === "findings")
    return { ...state, status: "findings are in order of severity: errors first" };
  const next: SortOrder =
    state.pane === "routes"
      ? {
          ...sort,
          routes: reverse
            ? { ...sort.routes, reverse: !sort.routes.reverse }
            : { column: nextSort(ROUTE_SORTS, sort.routes.column), reverse: false },
        }
      : {
          ...sort,
          connections: reverse
            ? { ...sort.connections, reverse: !sort.connections.reverse }
            : { column: nextSort(CONN_SORTS, sort.connections.column), reverse: false },
        };
  return resetCursor({ ...state, sort: next, status: null }, state.pane);
}

export function reducer(state: AppState, action: Action): AppState {
  if (isChangeAction(action)) {
    const change = changeReducer(state.change, action);
    return change === state.change ? state : { ...state, change };
  }
  switch (action.type) {
    case "poll-start":
      return {
        ...state,
        polling: true,
        seq: { ...state.seq, started: Math.max(state.seq.started, action.seq) },
      };
    case "poll-ok":
      return applyPoll(state, action);
    case "poll-fail":
      return failPoll(state, action);
    case "poll-same":
      return samePoll(state, action);
    case "focus-next": {
      const i = PANES.indexOf(state.pane);
      return { ...state, pane: PANES[(i + 1) % PANES.length] ?? "connections", status: null };
    }
    case "focus":
      return { ...state, pane: action.pane, status: null };
    case "move":
      return clampCursor(
        state,
        state.pane,
        state.cursor[state.pane] + action.delta,
        action.total,
        action.page,
      );
    case "move-to":
      return clampCursor(state, state.pane, action.index, action.total, action.page);
    case "toggle-wrong-only":
      return resetCursor({ ...state, wrongOnly: !state.wrongOnly, status: null }, "connections");
    case "set-paused":
      return { ...state, paused: action.paused, status: null };
    case "toggle-help":
      return { ...state, helpOpen: !state.helpOpen, helpPage: 0, prompt: null, status: null };
    case "help-page":
      return { ...state, helpPage: Math.max(0, state.helpPage + action.delta) };
    case "sort-next":
    case "sort-reverse":
      return sortPane(state, action.type === "sort-reverse");
    case "detail-open":
      return { ...state, detailOpen: true, helpOpen: false, status: null };
    case "dismiss": {
      // The outcome of a change and the journal notice go too; a countdown stays until kept or reverted.
      const change = { ...state.change, outcome: null, notice: null };
      // One Esc closes the innermost thing: the detail view before the answer under the panes.
      if (state.detailOpen) return { ...state, detailOpen: false, prompt: null, status: null };
      return { ...state, helpOpen: false, prompt: null, explain: null, probe: null, status: null, change };
    }
    case "prompt-open": {
      const text = action.text ?? (action.kind === "filter" ? state.filter[state.pane] : "");
      const prompt = { kind: action.kind, text, cursor: text.length, historyAt: null, draft: "" };
      return { ...state, prompt, helpOpen: false, status: null };
    }
    case "prompt-edit": {
      if (!state.prompt) return state;
      const prompt = {
        ...state.prompt,
        text: action.text,
        cursor: Math.max(0, Math.min(action.text.length, action.cursor ?? action.text.length)),
        historyAt: action.historyAt ?? null,
        draft: action.draft ?? state.prompt.draft,
      };
      const next = { ...state, prompt };
      // The filter applies as it is typed, like lazygit's.
      if (state.prompt.kind !== "filter") return next;
      return resetCursor(
        { ...next, filter: { ...state.filter, [state.pane]: action.text.trim() } },
        state.pane,
      );
    }
    case "prompt-cancel": {
      if (state.prompt?.kind === "filter")
        return resetCursor(
          { ...state, prompt: null, filter: { ...state.filter, [state.pane]: "" } },
          state.pane,
        );
      return { ...state, prompt: null };
    }
    case "prompt-submit":
      return promptSubmit(state);
    case "status":
      return { ...state, status: action.text };
    case "explain-result":
      return { ...state, explain: action.view, probe: null };
    case "probe-start":
      return {
        ...state,
        explain: null,
        probe: { host: action.host, port: action.port, startedAt: action.now, result: null, error: null },
      };
    // A late answer for a probe that was dismissed or replaced is dropped.
    case "probe-done":
      return state.probe?.startedAt === action.startedAt
        ? { ...state, probe: { ...state.probe, result: action.result } }
        : state;
    case "probe-error":
      return state.probe?.startedAt === action.startedAt
        ? { ...state, probe: { ...state.probe, error: action.error } }
        : state;
  }
}
