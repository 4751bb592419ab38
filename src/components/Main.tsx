// Everything between the header and the prompt line: the two panes, then the
// findings or the last explain / probe answer.
import { Box } from "ink";
import type { AppState } from "../app/live/state.js";
import { ChangeBanner, fitBanner } from "./ChangeBanner.js";
import { ConnectionsPane } from "./ConnectionsPane.js";
import { Findings } from "./Findings.js";
import type { Glyphs } from "./glyphs.js";
import type { Layout } from "./layout.js";
import type { Line } from "./Pane.js";
import { ResultBox } from "./ResultBox.js";
import { RoutesPane } from "./RoutesPane.js";
import type { View } from "./use-view.js";

interface MainProps {
  s: AppState;
  view: View;
  layout: Layout;
  showAnswer: boolean;
  /** What came of a change and its rollback countdown, above the findings. */
  banner: Line[];
  g: Glyphs;
  color: boolean;
}

export function Main({ s, view, layout, showAnswer, banner, g, color }: MainProps) {
  const snap = s.analysis?.snapshot;
  // The answer the operator just asked for (explain, probe) keeps a line even under a long banner.
  const shown = fitBanner(g, banner, Math.max(0, layout.below - (showAnswer ? 1 : 0)));
  const below = layout.below - shown.length;
  return (
    <>
      <Box flexDirection={layout.sideBySide ? "row" : "column"}>
        <RoutesPane
          routes={view.routes}
          total={snap?.routes.ok ? snap.routes.value.length : 0}
          cursor={s.cursor.routes}
          offset={s.offset.routes}
          {...layout.routes}
          focused={s.pane === "routes"}
          filter={s.filter.routes}
          sort={s.sort.routes}
          stale={s.partErrors.routes}
          g={g}
          color={color}
        />
        <ConnectionsPane
          rows={view.conns}
          summary={view.summary}
          cursor={s.cursor.connections}
          offset={s.offset.connections}
          {...layout.connections}
          focused={s.pane === "connections"}
          filter={s.filter.connections}
          sort={s.sort.connections}
          wrongOnly={s.wrongOnly}
          probe={s.probe}
          stale={s.partErrors.connections}
          g={g}
          color={color}
        />
      </Box>
      {shown.length > 0 ? <ChangeBanner lines={shown} width={layout.width} g={g} color={color} /> : null}
      {below <= 0 ? null : showAnswer ? (
        <ResultBox
          explain={s.explain}
          probe={s.probe}
          interfaces={snap?.interfaces.ok ? snap.interfaces.value : []}
          now={s.now}
          width={layout.width}
          height={below}
          g={g}
          color={color}
        />
      ) : (
        <Findings
          findings={view.findings}
          height={below}
          cursor={s.cursor.findings}
          offset={s.offset.findings}
          focused={s.pane === "findings"}
          filter={s.filter.findings}
          total={s.analysis?.findings.length ?? 0}
          width={layout.width}
          g={g}
          color={color}
        />
      )}
    </>
  );
}
