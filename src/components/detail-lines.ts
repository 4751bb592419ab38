// Enter: the selected flow, route or finding in full, as lines wrapped to the
// screen. A flow carries the engine's explain for its own destination and
// source, so the operator reads why without typing it again.
import type { ExplainView } from "../app/live/state.js";
import type { ConnRow } from "../app/live/view-model.js";
import { VERDICT_WORDS } from "../app/live/view-model.js";
import { endpointText } from "../core/classify.js";
import type { Finding, Route } from "../core/model.js";
import { viaText } from "./conn-columns.js";
import type { Glyphs } from "./glyphs.js";
import type { Line } from "./Pane.js";
import { routeDestText, verdictGlyph } from "./rows.js";
import { wrap } from "./wrap.js";

export type DetailTarget =
  | { kind: "flow"; row: ConnRow; explain: ExplainView | null }
  | { kind: "route"; route: Route }
  | { kind: "finding"; finding: Finding };

export interface DetailOptions {
  /** Nothing can be changed here (read-only, or no change backend): no a d f u offered. */
  readOnly: boolean;
  canProbe: boolean;
}

const way = (iface: string | null, gateway: string | null, none: string) =>
  `${iface ?? "?"} ${gateway ? `via ${gateway}` : none}`;

function flowLines(g: Glyphs, t: Extract<DetailTarget, { kind: "flow" }>, o: DetailOptions): string[] {
  const c = t.row.conn;
  const proc = c.process ?? "";
  const pid = c.pid !== null && c.pid > 0 ? `PID ${c.pid}` : "";
  const out = [
    `Flow ${verdictGlyph(g, c.verdict)} ${VERDICT_WORDS[c.verdict]}${t.row.closed ? " (closed)" : ""}`,
    `  ${c.protocol} ${endpointText(c.local)} ${g.arrow} ${endpointText(c.remote)} ${g.sep} ${c.state}`,
    `  process  ${[proc, pid].filter(Boolean).join(" ") || "unknown"}`,
    `  leaves   ${viaText(g, c) === "-" ? "no card" : way(c.egress.interface, c.egress.gateway, "on-link")}`,
    `  expected ${c.expected ? `${way(c.expected.interface, c.expected.gateway, "(any gateway)")} (${c.expected.reason})` : "nothing: no policy rule covers it"}`,
    `  why      ${c.why}`,
  ];
  const e = t.explain;
  if (e && "error" in e) out.push(`  explain  ${e.error}`);
  else if (e) {
    const r = e.result;
    const route = r.route
      ? `${routeDestText(r.route)} ${r.route.gateway ? `via ${r.route.gateway}` : "on-link"} dev ${r.route.interface ?? "?"} metric ${r.route.metric}${r.route.table !== "main" ? ` table ${r.route.table}` : ""}`
      : "none";
    out.push(
      `  route    ${route}`,
      `  source   ${r.source ?? "none"} (the address the host picks for ${r.destination} today)`,
    );
  }
  const acts = [`e explain ${c.remote.address}`];
  if (o.canProbe) acts.push(`p probe ${endpointText(c.remote)}`);
  if (!o.readOnly && c.verdict === "wrong-nic")
    acts.unshift("f fix: route its destination by the expected card");
  out.push("", `  actions  ${acts.join(` ${g.sep} `)} ${g.sep} ↑↓ another flow ${g.sep} Esc closes`);
  return out;
}

function routeLines(g: Glyphs, r: Route, o: DetailOptions): string[] {
  const acts = o.readOnly
    ? ["read-only: routes cannot be changed here"]
    : ["d delete this route", "a add a route"];
  return [
    `Route ${routeDestText(r)}${r.destination !== routeDestText(r) ? ` (${r.destination})` : ""}`,
    `  gateway  ${r.gateway ?? "on-link"}`,
    `  card     ${r.interface ?? "none"}`,
    `  metric   ${r.metric} ${g.sep} table ${r.table} ${g.sep} type ${r.type} ${g.sep} IPv${r.family}`,
    `  kept     ${r.persistent ? "persistent (survives a reboot)" : "not persistent (gone after a reboot)"}`,
    "",
    `  actions  ${[...acts, "↑↓ another route", "Esc closes"].join(` ${g.sep} `)}`,
  ];
}

function findingLines(g: Glyphs, f: Finding, o: DetailOptions): string[] {
  const mark = f.severity === "error" ? g.error : f.severity === "warning" ? g.warning : g.info;
  const out = [`Finding ${mark} ${f.severity} ${g.sep} ${f.id}`, `  ${f.message}`];
  if (f.subject) out.push(`  about    ${f.subject}`);
  for (const ch of f.fix)
    out.push(
      `  fix      ${ch.action} ${ch.destination} ${ch.gateway ? `via ${ch.gateway}` : "on-link"} dev ${ch.interface ?? "?"}${ch.persistent ? " (persistent)" : ""}`,
    );
  const acts = [];
  if (!o.readOnly && f.fix.length > 0) acts.push("f fix (shows the exact command first)");
  if (!o.readOnly) acts.push("F guided fix");
  out.push("", `  actions  ${[...acts, "↑↓ another finding", "Esc closes"].join(` ${g.sep} `)}`);
  return out;
}

const LABEL =
  /^ {2}(process|leaves|expected|why|explain|route|source|actions|gateway|card|metric|kept|about|fix) +(?=\S)/;
const LABEL_WIDTH = 11;

/**
 * The lines, wrapped to `width`. A labelled line ("  route    …") keeps its value
 * in a column, continuation lines under the value.
 */
export function detailLines(
  g: Glyphs,
  t: DetailTarget,
  width: number,
  o: DetailOptions,
  lastChange: readonly string[] = [],
): Line[] {
  const text =
    t.kind === "flow"
      ? flowLines(g, t, o)
      : t.kind === "route"
        ? routeLines(g, t.route, o)
        : findingLines(g, t.finding, o);
  // What came of the last change, whole: the banner under the panes may have had to cut it.
  if (lastChange.length > 0) text.push("", "Last change", ...lastChange.map((l) => `  ${l}`));
  const out: Line[] = [];
  for (const [i, l] of text.entries()) {
    const label = LABEL.exec(l);
    if (!label) {
      for (const w of wrap(g, l, width, "  ")) out.push({ text: w, bold: i === 0 });
      continue;
    }
    const head = `  ${label[1]}`.padEnd(LABEL_WIDTH);
    const body = wrap(g, l.slice(label[0].length), width - LABEL_WIDTH);
    for (const [j, w] of body.entries()) out.push({ text: (j === 0 ? head : " ".repeat(LABEL_WIDTH)) + w });
  }
  return out;
}
