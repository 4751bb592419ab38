// One text line per row, in columns sized to the pane. Only the rows on
// screen are ever formatted.

import type { ConnRow } from "../app/view-model.js";
import { VERDICT_WORDS } from "../app/view-model.js";
import { endpointText } from "../core/classify.js";
import type { ClassifiedConnection, Route, Verdict } from "../core/model.js";
import { ownValue } from "../core/own-key.js";
import { cell, type Glyphs } from "./glyphs.js";

const SHORT_STATES: Record<string, string> = {
  ESTABLISHED: "ESTAB",
  SYN_RECEIVED: "SYN_RCVD",
  LISTENING: "LISTEN",
  FIN_WAIT_1: "FIN_WAIT1",
  FIN_WAIT_2: "FIN_WAIT2",
  CLOSE_WAIT: "CLOSE_WT",
};

export interface ConnColumns {
  addr: number;
  state: number;
  via: number;
  verdict: number;
  process: number;
}

export function connColumns(width: number): ConnColumns {
  const inner = width - 2;
  const wide = inner >= 90;
  const state = wide ? 12 : 10;
  const via = wide ? 12 : 9;
  const verdict = 10;
  const fixed = 3 + state + via + verdict;
  // 22 holds any IPv4 endpoint; IPv6 ones are cut rather than starving the other columns.
  // Addresses come before process names: a cut address cannot be told from its neighbour.
  const addr = Math.max(12, Math.min(22, Math.floor((inner - fixed) / 2)));
  const process = Math.max(0, inner - fixed - 2 * addr);
  // Narrower than "Process" and a space, a name column says too little to be worth its room.
  return { addr, state, via, verdict, process: process >= 8 ? process : 0 };
}

export function verdictGlyph(g: Glyphs, v: Verdict): string {
  return v === "wrong-nic" ? g.wrong : v === "ok" ? g.ok : v === "no-route" ? g.noRoute : g.unknown;
}

/** "ext→int" when the flow leaves the wrong card, else the card it leaves by. */
export function viaText(g: Glyphs, c: ClassifiedConnection): string {
  const out = c.egress.interface ?? "-";
  if (c.verdict === "wrong-nic" && c.expected) return `${out}${g.arrow}${c.expected.interface}`;
  return out;
}

export function connHeader(cols: ConnColumns): string {
  const proc = cols.process > 0 ? "Process" : "";
  return `   ${"Local".padEnd(cols.addr)}${"Remote".padEnd(cols.addr)}${"State".padEnd(cols.state)}${"If".padEnd(cols.via)}${"Verdict".padEnd(cols.verdict)}${proc}`;
}

export function connText(g: Glyphs, row: ConnRow, cols: ConnColumns, probeFlow: boolean): string {
  const c = row.conn;
  const flag = probeFlow ? g.probe : row.closed ? g.closed : row.isNew ? g.isNew : " ";
  const state = cols.state >= 12 ? c.state : (ownValue(SHORT_STATES, c.state) ?? c.state);
  const verdict = c.verdict === "ok" ? "" : VERDICT_WORDS[c.verdict];
  const proc = c.process ?? (c.pid !== null && c.pid > 0 ? `pid ${c.pid}` : "");
  const text =
    `${verdictGlyph(g, c.verdict)}${flag} ` +
    cell(g, endpointText(c.local), cols.addr - 1) +
    " " +
    cell(g, endpointText(c.remote), cols.addr - 1) +
    " " +
    cell(g, state, cols.state - 1) +
    " " +
    cell(g, viaText(g, c), cols.via - 1) +
    " " +
    cell(g, verdict, cols.verdict - 1) +
    " " +
    (cols.process > 0 ? cell(g, proc, cols.process - 1) : "");
  return text;
}

export function connColor(row: ConnRow, probeFlow: boolean): string | undefined {
  if (probeFlow) return "magenta";
  if (row.closed) return "gray";
  if (row.conn.verdict === "wrong-nic") return "red";
  if (row.conn.verdict === "no-route") return "yellow";
  if (row.isNew) return "green";
  return undefined;
}

export interface RouteColumns {
  dest: number;
  gw: number;
  via: number;
  metric: number;
}

/** The longest gateway and card texts of a table, so narrow panes cut what does not matter. */
export interface RouteTexts {
  gateway: number;
  card: number;
}

const textWidths = new WeakMap<readonly Route[], RouteTexts>();

export function routeTexts(routes: readonly Route[]): RouteTexts {
  let t = textWidths.get(routes);
  if (!t) {
    t = { gateway: 7, card: 2 };
    for (const r of routes) {
      t.gateway = Math.max(t.gateway, r.gateway?.length ?? 0);
      t.card = Math.max(t.card, (r.interface ?? r.type).length);
    }
    textWidths.set(routes, t);
  }
  return t;
}

/**
 * Column widths for a pane `width` wide. The gateway column is as wide as the
 * widest gateway (up to 16 or 18), the room left goes to the card; when that is
 * under five characters the destination gives some (down to 16 shown): which
 * gateway and which card are the whole question.
 */
export function routeColumns(width: number, texts: RouteTexts = { gateway: 15, card: 6 }): RouteColumns {
  const inner = width - 2;
  const metric = 6;
  let dest = inner >= 70 ? 22 : 19;
  const gw = Math.min(inner >= 70 ? 18 : 16, Math.max(8, texts.gateway + 1));
  const room = () => inner - 1 - dest - gw - metric;
  // Five characters of the card ("eth0", "ext") come before the destination's last ones.
  const need = Math.min(6, Math.max(5, texts.card + 1));
  if (room() < need) dest = Math.max(17, dest - (need - room()));
  return { dest, gw, metric, via: Math.max(5, room()) };
}

export function routeHeader(cols: RouteColumns): string {
  return ` ${"Destination".padEnd(cols.dest)}${"Gateway".padEnd(cols.gw)}${"If".padEnd(cols.via)}${"Met".padStart(cols.metric - 1)}`;
}

export function routeText(g: Glyphs, r: Route, cols: RouteColumns): string {
  const dest = r.destination === "0.0.0.0/0" || r.destination === "::/0" ? "default" : r.destination;
  const flag = r.persistent ? "p" : " ";
  return (
    ` ${cell(g, dest, cols.dest - 1)} ${cell(g, r.gateway ?? "on-link", cols.gw - 1)} ` +
    `${cell(g, r.interface ?? r.type, cols.via - 1)} ${String(r.metric).padStart(cols.metric - 1)}${flag}`
  );
}
