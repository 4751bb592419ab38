// Enter: the selected row of the focused pane in full, in place of the panes,
// until Esc. It follows the cursor, so ↑ and ↓ walk through the rows.
import { Box, Text } from "ink";
import { useMemo } from "react";
import type { Controller } from "../app/live/controller.js";
import type { AppState } from "../app/live/state.js";
import { type DetailOptions, type DetailTarget, detailLines } from "./detail-lines.js";
import { cell, type Glyphs } from "./glyphs.js";
import type { View } from "./use-view.js";

interface DetailProps {
  s: AppState;
  view: View;
  controller: Controller;
  options: DetailOptions;
  width: number;
  height: number;
  g: Glyphs;
  color: boolean;
}

/** What Enter opened on: the selected row of the focused pane, or null when that pane is empty. */
function detailTarget(s: AppState, view: View, controller: Controller): DetailTarget | null {
  const at = s.cursor[s.pane];
  if (s.pane === "routes") {
    const route = view.routes[at];
    return route ? { kind: "route", route } : null;
  }
  if (s.pane === "findings") {
    const finding = view.findings[at];
    return finding ? { kind: "finding", finding } : null;
  }
  const row = view.conns[at];
  return row ? { kind: "flow", row, explain: controller.explainFlow(row.conn) } : null;
}

export function Detail({ s, view, controller, options, width, height, g, color }: DetailProps) {
  const target = useMemo(() => detailTarget(s, view, controller), [s, view, controller]);
  const lines = target
    ? detailLines(g, target, width, options, s.change.outcome?.lines)
    : [{ text: `nothing selected in ${s.pane} (Esc closes)`, bold: true }];
  const shown = lines.slice(0, Math.max(1, height));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions on screen
        <Text key={i} bold={l.bold} color={color && i === 0 ? "cyan" : undefined}>
          {cell(g, l.text, width)}
        </Text>
      ))}
    </Box>
  );
}
