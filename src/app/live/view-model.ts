// What the panes show, derived from state once per data or filter change
// (callers memoise on the inputs), never per key press: sorting 50,000 flows
// on every arrow key would make scrolling crawl.
import { connectionKey } from "../../core/analyze.js";
import type { Analysis, ClassifiedConnection, Finding, Route, Severity, Verdict } from "../../core/model.js";
import type { ConnRow } from "./sort-order.js";
import { type AppState, HIGHLIGHT_MS } from "./state.js";

export type { ConnRow } from "./sort-order.js";

export const VERDICT_WORDS: Record<Verdict, string> = {
  "wrong-nic": "wrong NIC",
  "no-route": "no route",
  unknown: "unknown",
  ok: "ok",
};

const VERDICT_RANK: Record<Verdict, number> = { "wrong-nic": 0, "no-route": 1, unknown: 2, ok: 3 };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function stateRank(state: string): number {
  if (state === "SYN_SENT") return 0;
  if (state === "ESTABLISHED") return 1;
  return 2;
}

/** How rows are ordered: negative when a goes before b. Must read only the rows' own fields. */
export type CompareRows = (a: ConnRow, b: ConnRow) => number;

/** The default order: wrong NIC first, then stuck SYNs, then by address. */
export function wrongNicFirst(a: ConnRow, b: ConnRow): number {
  const x = a.conn;
  const y = b.conn;
  return (
    VERDICT_RANK[x.verdict] - VERDICT_RANK[y.verdict] ||
    stateRank(x.state) - stateRank(y.state) ||
    (x.remote.address < y.remote.address ? -1 : x.remote.address > y.remote.address ? 1 : 0) ||
    x.remote.port - y.remote.port ||
    (x.local.address < y.local.address ? -1 : x.local.address > y.local.address ? 1 : 0) ||
    x.local.port - y.local.port
  );
}

// Analyses are immutable, so a flow's search text is built once, not per filter key press.
const searchText = new WeakMap<ClassifiedConnection, string>();

function connText(c: ClassifiedConnection): string {
  let text = searchText.get(c);
  if (text === undefined) {
    text = buildText(c);
    searchText.set(c, text);
  }
  return text;
}

function buildText(c: ClassifiedConnection): string {
  return [
    `${c.local.address}:${c.local.port}`,
    `${c.remote.address}:${c.remote.port}`,
    c.state,
    c.process ?? "",
    c.pid ?? "",
    c.egress.interface ?? "",
    c.expected?.interface ?? "",
    VERDICT_WORDS[c.verdict],
    c.protocol,
  ]
    .join(" ")
    .toLowerCase();
}

export type FlowInputs = Pick<AppState, "analysis" | "closed" | "firstSeen" | "firstPollAt" | "now">;

// Flows are immutable and handed back unchanged poll after poll: their key is built once.
const keys = new WeakMap<ClassifiedConnection, string>();

function rowKeyOf(conn: ClassifiedConnection): string {
  let key = keys.get(conn);
  if (key === undefined) {
    key = connectionKey(conn);
    keys.set(conn, key);
  }
  return key;
}

/** Every row, unsorted: live flows with their highlight, then closed flows (they stay in place briefly). */
export function unsortedConnRows(s: FlowInputs, make: (row: ConnRow) => ConnRow = (r) => r): ConnRow[] {
  const rows: ConnRow[] = [];
  for (const conn of s.analysis?.connections ?? []) {
    const key = rowKeyOf(conn);
    const seen = s.firstSeen.get(key) ?? s.now;
    const isNew = s.firstPollAt !== null && seen > s.firstPollAt && s.now - seen < HIGHLIGHT_MS;
    rows.push(make({ key, conn, isNew, closed: false, firstSeen: seen }));
  }
  for (const [key, flow] of s.closed)
    rows.push(make({ key, conn: flow.conn, isNew: false, closed: true, firstSeen: flow.closedAt }));
  return rows;
}

/** Every flow in order (wrong ones first by default). The screen keeps this order incrementally (conn-order.ts). */
export function sortedConnRows(s: FlowInputs, compare: CompareRows = wrongNicFirst): ConnRow[] {
  return unsortedConnRows(s).sort(compare);
}

/** Filtering keeps the order, so a filter key press never re-sorts. */
export function filterConnRows(sorted: readonly ConnRow[], filter: string, wrongOnly: boolean): ConnRow[] {
  const needle = filter.trim().toLowerCase();
  if (needle === "" && !wrongOnly) return sorted as ConnRow[];
  return sorted.filter(
    (r) => (!wrongOnly || r.conn.verdict !== "ok") && (needle === "" || connText(r.conn).includes(needle)),
  );
}

export function connectionRows(s: FlowInputs, filter: string, wrongOnly: boolean): ConnRow[] {
  return filterConnRows(sortedConnRows(s), filter, wrongOnly);
}

function routeMatches(r: Route, needle: string): boolean {
  const text = `${r.destination} ${r.gateway ?? "on-link"} ${r.interface ?? ""} ${r.metric} ${r.table} ${r.type}`;
  return text.toLowerCase().includes(needle);
}

export function routeRows(analysis: Analysis | null, filter: string): Route[] {
  const routes = analysis?.snapshot.routes.ok ? analysis.snapshot.routes.value : [];
  const needle = filter.trim().toLowerCase();
  return needle === "" ? routes : routes.filter((r) => routeMatches(r, needle));
}

export function findingRows(analysis: Analysis | null, filter: string): Finding[] {
  const needle = filter.trim().toLowerCase();
  const all = (analysis?.findings ?? []).filter(
    (f) => needle === "" || `${f.id} ${f.message}`.toLowerCase().includes(needle),
  );
  return all.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** The slice of rows to lay out: only these are rendered, whatever the total. */
export function windowOf(
  total: number,
  cursor: number,
  offset: number,
  page: number,
): { start: number; end: number; cursor: number } {
  const rows = Math.max(1, page);
  const c = Math.max(0, Math.min(cursor, total - 1));
  let start = Math.max(0, Math.min(offset, Math.max(0, total - rows)));
  if (c < start) start = c;
  if (c >= start + rows) start = c - rows + 1;
  return { start, end: Math.min(total, start + rows), cursor: c };
}
