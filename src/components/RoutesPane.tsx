// The routing table as `route print` / `ip route` list it, virtualised like
// the connections (a router may carry a million routes).

import { type SortOrder, sortLabel } from "../app/live/sort-order.js";
import { windowOf } from "../app/live/view-model.js";
import type { Route } from "../core/model.js";
import { position } from "./ConnectionsPane.js";
import type { Glyphs } from "./glyphs.js";
import { paneRows } from "./layout.js";
import { type Line, Pane } from "./Pane.js";
import { routeColumns, routeHeader, routeText, routeTexts } from "./rows.js";

interface RoutesPaneProps {
  routes: readonly Route[];
  total: number;
  cursor: number;
  offset: number;
  width: number;
  height: number;
  focused: boolean;
  filter: string;
  stale: string | undefined;
  sort: SortOrder["routes"];
  g: Glyphs;
  color: boolean;
}

function routeColor(r: Route): string | undefined {
  if (r.type === "unicast") return r.destination.endsWith("/0") ? "cyan" : undefined;
  return "gray";
}

export function RoutesPane(p: RoutesPaneProps) {
  const page = paneRows(p.height);
  const cols = routeColumns(p.width, routeTexts(p.routes));
  const win = windowOf(p.routes.length, p.cursor, p.offset, page);
  const lines: Line[] = [];
  for (let i = win.start; i < win.end; i++) {
    const r = p.routes[i];
    if (!r) continue;
    lines.push({
      text: routeText(p.g, r, cols),
      color: routeColor(r),
      dim: r.type !== "unicast",
      inverse: p.focused && i === win.cursor,
    });
  }
  if (p.routes.length === 0) lines.push({ text: p.filter ? " no route matches" : " no routes", dim: true });
  const count = p.filter ? `${p.routes.length}/${p.total} /${p.filter}` : String(p.total);
  const order = sortLabel(p.sort.column, p.sort.reverse, "table");
  const title = `Routes  ${count}${order ? ` ${p.g.sep} ${order}` : ""}${p.stale ? ` ${p.g.sep} stale` : ""}`;
  return (
    <Pane
      title={title}
      width={p.width}
      height={p.height}
      focused={p.focused}
      header={routeHeader(p.g, cols)}
      footer={position(p.cursor, p.routes.length)}
      lines={lines}
      g={p.g}
      color={p.color}
    />
  );
}
