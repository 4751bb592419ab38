// How wide each pane would like to be, from the rows it will show: the layout
// gives Connections its columns first. Only the rows on screen are measured.
import type { AppState } from "../app/live/state.js";
import { windowOf } from "../app/live/view-model.js";
import { connTexts, connWidthNeed } from "./conn-columns.js";
import type { Glyphs } from "./glyphs.js";
import { type PaneNeeds, paneRows } from "./layout.js";
import { routeTexts, routeWidthNeed } from "./rows.js";
import type { View } from "./use-view.js";

export function paneNeeds(g: Glyphs, s: AppState, view: View, connectionsHeight: number): PaneNeeds {
  const win = windowOf(
    view.conns.length,
    s.cursor.connections,
    s.offset.connections,
    paneRows(connectionsHeight),
  );
  return {
    routes: routeWidthNeed(routeTexts(view.routes)),
    connections: connWidthNeed(connTexts(g, view.conns.slice(win.start, win.end))),
  };
}
