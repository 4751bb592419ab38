// One text line per row, in columns sized to the pane and to what the rows hold.
// Only the rows on screen are ever formatted or measured.

import type { ConnRow } from "../app/live/view-model.js";
import { endpointText } from "../core/classify.js";
import type { Route, Verdict } from "../core/model.js";
import { ownValue } from "../core/own-key.js";
import { type ConnColumns, SHORT_STATES, verdictText, viaText } from "./conn-columns.js";
import { cell, type Glyphs, plain } from "./glyphs.js";
import { padStartText, widthOf } from "./text-cells.js";

export { type ConnColumns, connColumns, connTexts, viaText } from "./conn-columns.js";

export function verdictGlyph(g: Glyphs, v: Verdict): string {
  return v === "wrong-nic" ? g.wrong : v === "ok" ? g.ok : v === "no-route" ? g.noRoute : g.unknown;
}

/** A cell of `width` columns with its trailing space, or nothing when the column is not shown. */
const col = (g: Glyphs, text: string, width: number, at: "end" | "middle" = "middle") =>
  width > 0 ? `${cell(g, text, width - 1, at)} ` : "";

export function connHeader(g: Glyphs, cols: ConnColumns): string {
  return (
    "   " +
    col(g, "Local", cols.local, "end") +
    col(g, "Remote", cols.remote, "end") +
    col(g, "State", cols.state, "end") +
    col(g, "If", cols.via, "end") +
    col(g, "Verdict", cols.verdict, "end") +
    col(g, "PID", cols.pid, "end") +
    col(g, "Process", cols.process, "end")
  );
}

export function connText(g: Glyphs, row: ConnRow, cols: ConnColumns, probeFlow: boolean): string {
  const c = row.conn;
  const flag = probeFlow ? g.probe : row.closed ? g.closed : row.isNew ? g.isNew : " ";
  const state = cols.longStates ? c.state : (ownValue(SHORT_STATES, c.state) ?? c.state);
  const pid = c.pid !== null && c.pid > 0 ? String(c.pid) : "";
  const proc = c.process ?? (cols.pid === 0 && pid ? `pid ${pid}` : "");
  return (
    `${verdictGlyph(g, c.verdict)}${flag} ` +
    col(g, endpointText(c.local), cols.local) +
    col(g, endpointText(c.remote), cols.remote) +
    col(g, state, cols.state, "end") +
    col(g, viaText(g, c), cols.via) +
    col(g, verdictText(c), cols.verdict, "end") +
    (cols.pid > 0 ? `${padStartText(pid, cols.pid - 1)} ` : "") +
    col(g, proc, cols.process)
  );
}

export function connColor(row: ConnRow, probeFlow: boolean): string | undefined {
  if (probeFlow) return "magenta";
  if (row.closed) return "gray";
  if (row.conn.verdict === "wrong-nic") return "red";
  if (row.conn.verdict === "no-route") return "yellow";
  if (row.isNew) return "green";
  return undefined;
}

interface RouteColumns {
  dest: number;
  gw: number;
  via: number;
  metric: number;
}

/** The widest destination, gateway and card texts of a table (display columns). */
interface RouteTexts {
  dest: number;
  gateway: number;
  card: number;
}

const textWidths = new WeakMap<readonly Route[], RouteTexts>();

export function routeDestText(r: Route): string {
  return r.destination === "0.0.0.0/0" || r.destination === "::/0" ? "default" : r.destination;
}

/** Measured once per table (a table is immutable), not per frame. */
export function routeTexts(routes: readonly Route[]): RouteTexts {
  let t = textWidths.get(routes);
  if (!t) {
    t = { dest: 11, gateway: 7, card: 2 };
    for (const r of routes) {
      t.dest = Math.max(t.dest, routeDestText(r).length);
      t.gateway = Math.max(t.gateway, r.gateway?.length ?? 0);
      t.card = Math.max(t.card, widthOf(r.interface ?? r.type));
    }
    textWidths.set(routes, t);
  }
  return t;
}

const METRIC = 6;

/** The width the Routes pane needs to show every column whole (IPv6 destinations capped). */
export function routeWidthNeed(t: RouteTexts): number {
  return 2 + 1 + Math.min(t.dest + 1, 30) + Math.min(t.gateway + 1, 26) + t.card + 1 + METRIC;
}

/**
 * Column widths for a pane `width` wide. The gateway column is as wide as the
 * widest gateway (up to 16 or 18), the room left goes to the card; when that is
 * under five columns the destination gives some (down to 17): which gateway and
 * which card are the whole question. A card still too long is shortened in the middle.
 */
export function routeColumns(
  width: number,
  texts: RouteTexts = { dest: 18, gateway: 15, card: 6 },
): RouteColumns {
  const inner = width - 2;
  const wide = inner >= 70;
  let dest = Math.max(12, Math.min(texts.dest + 1, wide ? 22 : 19));
  const gw = Math.min(wide ? 18 : 16, Math.max(8, texts.gateway + 1));
  const room = () => inner - 1 - dest - gw - METRIC;
  // Five columns of the card ("eth0", "ext") come before the destination's last ones.
  const need = Math.min(6, Math.max(5, texts.card + 1));
  if (room() < need) dest = Math.max(Math.min(17, dest), dest - (need - room()));
  // Room beyond the whole card name grows a long (IPv6) destination.
  const spare = room() - (texts.card + 1);
  if (spare > 0 && texts.dest + 1 > dest) dest += Math.min(spare, texts.dest + 1 - dest);
  return { dest, gw, metric: METRIC, via: Math.max(5, room()) };
}

export function routeHeader(g: Glyphs, cols: RouteColumns): string {
  return ` ${cell(g, "Destination", cols.dest)}${cell(g, "Gateway", cols.gw)}${cell(g, "If", cols.via)}${"Met".padStart(cols.metric - 1)}`;
}

export function routeText(g: Glyphs, r: Route, cols: RouteColumns): string {
  const flag = r.persistent ? "p" : " ";
  return (
    ` ${cell(g, routeDestText(r), cols.dest - 1, "middle")} ${cell(g, r.gateway ?? "on-link", cols.gw - 1, "middle")} ` +
    `${cell(g, plain(g, r.interface ?? r.type), cols.via - 1, "middle")} ${String(r.metric).padStart(cols.metric - 1)}${flag}`
  );
}
