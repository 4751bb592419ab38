// Everything between the header and the prompt line: the two panes, then the
// findings or the last explain / probe answer.
import { Box } from "ink";
import type { AppState } from "../app/state.js";
import { ConnectionsPane } from "./ConnectionsPane.js";
import { Findings } from "./Findings.js";
import type { Glyphs } from "./glyphs.js";
import type { Layout } from "./layout.js";
import { ResultBox } from "./ResultBox.js";
import { RoutesPane } from "./RoutesPane.js";
import type { View } from "./use-view.js";

export interface MainProps {
  s: AppState;
  view: View;
  layout: Layout;
  showAnswer: boolean;
  g: Glyphs;
  color: boolean;
}

export function Main({ s, view, layout, showAnswer, g, color }: MainProps) {
  const snap = s.analysis?.snapshot;
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
          wrongOnly={s.wrongOnly}
          probe={s.probe}
          stale={s.partErrors.connections}
          g={g}
          color={color}
        />
      </Box>
      {showAnswer ? (
        <ResultBox
          explain={s.explain}
          probe={s.probe}
          interfaces={snap?.interfaces.ok ? snap.interfaces.value : []}
          now={s.now}
          width={layout.width}
          height={layout.below}
          g={g}
          color={color}
        />
      ) : (
        <Findings
          findings={view.findings}
          height={layout.below}
          cursor={s.cursor.findings}
          offset={s.offset.findings}
          focused={s.pane === "findings"}
          width={layout.width}
          g={g}
          color={color}
        />
      )}
    </>
  );
}
