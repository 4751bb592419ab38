// Sorting either pane by any of its columns, as TCPView and htop do: `s` moves
// to the next column, `S` reverses. Wrong-NIC first stays the default, and every
// column breaks its ties by that default so rows do not shuffle between polls.
import type { ClassifiedConnection, Route, Verdict } from "../../core/model.js";

/** One row of the Connections pane. */
export interface ConnRow {
  key: string;
  conn: ClassifiedConnection;
  /** Appeared after the first poll, less than HIGHLIGHT_MS ago. */
  isNew: boolean;
  /** Gone since the last polls; shown for HIGHLIGHT_MS. */
  closed: boolean;
  /** Epoch ms the flow was first seen. */
  firstSeen: number;
}

export const CONN_SORTS = [
  "default",
  "local",
  "remote",
  "state",
  "card",
  "verdict",
  "pid",
  "process",
] as const;
export const ROUTE_SORTS = ["table", "destination", "gateway", "card", "metric"] as const;
type ConnSort = (typeof CONN_SORTS)[number];
type RouteSort = (typeof ROUTE_SORTS)[number];

export interface SortOrder {
  connections: { column: ConnSort; reverse: boolean };
  routes: { column: RouteSort; reverse: boolean };
}

export const DEFAULT_SORT: SortOrder = {
  connections: { column: "default", reverse: false },
  routes: { column: "table", reverse: false },
};

/** The column after `column` in `columns`, round. */
export function nextSort<T extends string>(columns: readonly T[], column: T): T {
  return columns[(columns.indexOf(column) + 1) % columns.length] ?? column;
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const VERDICT_RANK: Record<Verdict, number> = { "wrong-nic": 0, "no-route": 1, unknown: 2, ok: 3 };

/** Addresses compare by their numbers (10.1.1.9 before 10.1.1.20), then by port. */
function addressKey(address: string): string {
  if (address.includes(":")) return `6${address}`;
  return `4${address
    .split(".")
    .map((p) => p.padStart(3, "0"))
    .join(".")}`;
}

function endpoints(a: { address: string; port: number }, b: { address: string; port: number }): number {
  return text(addressKey(a.address), addressKey(b.address)) || a.port - b.port;
}

type ConnCompare = (a: ConnRow, b: ConnRow) => number;

const CONN_COLUMNS: Record<Exclude<ConnSort, "default">, ConnCompare> = {
  local: (a, b) => endpoints(a.conn.local, b.conn.local),
  remote: (a, b) => endpoints(a.conn.remote, b.conn.remote),
  state: (a, b) => text(a.conn.state, b.conn.state),
  card: (a, b) => text(a.conn.egress.interface ?? "", b.conn.egress.interface ?? ""),
  verdict: (a, b) => VERDICT_RANK[a.conn.verdict] - VERDICT_RANK[b.conn.verdict],
  pid: (a, b) => (a.conn.pid ?? -1) - (b.conn.pid ?? -1),
  process: (a, b) => text((a.conn.process ?? "").toLowerCase(), (b.conn.process ?? "").toLowerCase()),
};

/**
 * The comparator for the chosen column, with `tie` (the default order) breaking
 * ties; undefined for the default order itself, so the caller keeps its own.
 */
export function connComparator(order: SortOrder["connections"], tie: ConnCompare): ConnCompare | undefined {
  if (order.column === "default" && !order.reverse) return undefined;
  const first = order.column === "default" ? tie : CONN_COLUMNS[order.column];
  const sign = order.reverse ? -1 : 1;
  return (a, b) => sign * (first(a, b) || tie(a, b));
}

const ROUTE_COLUMNS: Record<Exclude<RouteSort, "table">, (a: Route, b: Route) => number> = {
  destination: (a, b) => {
    const [pa, la] = a.destination.split("/");
    const [pb, lb] = b.destination.split("/");
    return text(addressKey(pa ?? ""), addressKey(pb ?? "")) || Number(la) - Number(lb);
  },
  gateway: (a, b) => text(addressKey(a.gateway ?? ""), addressKey(b.gateway ?? "")),
  card: (a, b) => text(a.interface ?? "", b.interface ?? ""),
  metric: (a, b) => a.metric - b.metric,
};

/** Routes in the chosen order; the table's own order (as the OS lists it) is the default and breaks ties. */
export function sortRoutes(routes: Route[], order: SortOrder["routes"]): Route[] {
  if (order.column === "table" && !order.reverse) return routes;
  const at = new Map(routes.map((r, i) => [r, i] as const));
  const pos = (a: Route, b: Route) => (at.get(a) ?? 0) - (at.get(b) ?? 0);
  const first = order.column === "table" ? pos : ROUTE_COLUMNS[order.column];
  const sign = order.reverse ? -1 : 1;
  return [...routes].sort((a, b) => sign * (first(a, b) || pos(a, b)));
}

/** For the pane title: "" for the default order, else "by remote" / "by remote, reversed". */
export function sortLabel(column: string, reverse: boolean, defaultColumn: string): string {
  if (column === defaultColumn) return reverse ? "reversed" : "";
  return `by ${column}${reverse ? ", reversed" : ""}`;
}
