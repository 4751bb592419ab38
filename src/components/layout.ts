// How the screen is cut up for a given terminal size. Pure, so a test can
// check 80x24 and 160x45 without rendering.

/** Side by side from this many columns; stacked below. */
const SIDE_BY_SIDE_MIN = 120;

export interface Layout {
  width: number;
  sideBySide: boolean;
  routes: { width: number; height: number };
  connections: { width: number; height: number };
  /** Lines under the panes for findings or the explain / probe result. */
  below: number;
}

/** Rows a pane of this height shows: minus its top, bottom and column-header lines. */
export function paneRows(height: number): number {
  return Math.max(1, height - 3);
}

/** Lines under the panes kept for findings however many there are (up to this many). */
const FINDINGS_KEPT = 4;

/** The narrowest Routes pane beside the connections. */
const ROUTES_MIN = 46;

/** Columns each pane would need to show its rows whole. */
export interface PaneNeeds {
  routes: number;
  connections: number;
}

/**
 * Side by side, the Connections pane gets the columns its rows need first (its
 * egress→expected cell and process names are the story); Routes get the rest, at
 * least ROUTES_MIN, and no more than they need.
 */
function routesWidthFor(width: number, needs: PaneNeeds | undefined): number {
  if (!needs) return Math.min(64, Math.floor(width * 0.4));
  const most = Math.max(ROUTES_MIN, Math.floor(width / 2));
  return Math.max(ROUTES_MIN, Math.min(needs.routes, most, width - needs.connections));
}

export function computeLayout(columns: number, rows: number, belowWanted: number, needs?: PaneNeeds): Layout {
  const width = Math.max(40, columns);
  // One line short of the terminal: a frame as tall as the terminal makes Ink redraw the whole screen each time.
  const usable = Math.max(12, rows - 1);
  const fixed = 3; // header, status or prompt line, key bar
  const sideBySide = width >= SIDE_BY_SIDE_MIN;
  const maxBelow = Math.max(1, Math.floor((usable - fixed) / (sideBySide ? 4 : 5)));
  // The findings area keeps a few lines even when empty, so the panes do not jump by a row
  // each time a finding appears or goes; it grows past them only when more are wanted.
  const below = Math.min(Math.max(FINDINGS_KEPT, belowWanted), maxBelow);
  const body = Math.max(8, usable - fixed - below);
  if (sideBySide) {
    const routesWidth = routesWidthFor(width, needs);
    return {
      width,
      sideBySide,
      routes: { width: routesWidth, height: body },
      connections: { width: width - routesWidth, height: body },
      below,
    };
  }
  const routesHeight = Math.max(6, Math.floor(body * 0.35));
  return {
    width,
    sideBySide,
    routes: { width, height: routesHeight },
    connections: { width, height: body - routesHeight },
    below,
  };
}
