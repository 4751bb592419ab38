// The flows, wrong ones first. Virtualised: only the rows in the window are
// formatted and laid out, so 50,000 flows scroll like 50.

import type { RowCounts } from "../app/live/row-counts.js";
import { type SortOrder, sortLabel } from "../app/live/sort-order.js";
import type { ProbeView } from "../app/live/state.js";
import { type ConnRow, windowOf } from "../app/live/view-model.js";
import { isProbeFlow } from "../app/probe.js";
import type { Glyphs } from "./glyphs.js";
import { paneRows } from "./layout.js";
import { type Line, Pane } from "./Pane.js";
import { connColor, connColumns, connHeader, connText, connTexts } from "./rows.js";

interface ConnectionsPaneProps {
  rows: readonly ConnRow[];
  summary: RowCounts;
  sort: SortOrder["connections"];
  cursor: number;
  offset: number;
  width: number;
  height: number;
  focused: boolean;
  filter: string;
  wrongOnly: boolean;
  probe: ProbeView | null;
  /** The error when the connections part is stale. */
  stale: string | undefined;
  g: Glyphs;
  color: boolean;
}

function connectionsTitle(
  p: Pick<ConnectionsPaneProps, "summary" | "rows" | "filter" | "wrongOnly" | "stale" | "g" | "sort">,
): string {
  const { g, summary: n } = p;
  const closed = n.wrongClosed > 0 ? ` (${n.wrongClosed} closed)` : "";
  const parts = [`Connections  ${n.total} ${g.sep} ${n.wrong} wrong NIC${closed}`];
  if (p.wrongOnly) parts.push("wrong only");
  if (p.filter) parts.push(`/${p.filter}: ${p.rows.length}`);
  const order = sortLabel(p.sort.column, p.sort.reverse, "default");
  if (order) parts.push(order);
  if (p.stale) parts.push("stale");
  return parts.join(` ${g.sep} `);
}

/** "3/14": the cursor's row of the rows listed, as htop and lazygit show it. */
export function position(cursor: number, total: number): string {
  return total === 0 ? "0/0" : `${Math.min(cursor, total - 1) + 1}/${total}`;
}

export function ConnectionsPane(p: ConnectionsPaneProps) {
  const page = paneRows(p.height);
  const win = windowOf(p.rows.length, p.cursor, p.offset, page);
  // Sized by the rows on screen: measuring 50,000 flows per frame would not scale.
  const cols = connColumns(p.width, connTexts(p.g, p.rows.slice(win.start, win.end)));
  const lines: Line[] = [];
  for (let i = win.start; i < win.end; i++) {
    const row = p.rows[i];
    if (!row) continue;
    const mine = p.probe !== null && !row.closed && isProbeFlow(p.probe, row.conn, row.firstSeen);
    lines.push({
      text: connText(p.g, row, cols, mine),
      color: connColor(row, mine),
      bold: row.isNew || mine,
      dim: row.closed,
      inverse: p.focused && i === win.cursor,
    });
  }
  if (p.rows.length === 0) {
    const why =
      p.filter || p.wrongOnly ? "no flow matches (Esc clears the filter, w shows all)" : "no connections";
    lines.push({ text: `   ${why}`, dim: true });
  }
  return (
    <Pane
      title={connectionsTitle(p)}
      width={p.width}
      height={p.height}
      focused={p.focused}
      header={connHeader(p.g, cols)}
      footer={position(p.cursor, p.rows.length)}
      lines={lines}
      g={p.g}
      color={p.color}
    />
  );
}
