// Under the panes after a change: what came of it, and the rollback counting
// down until `c` keeps it or the watchdog reverts it.
import { Box, Text } from "ink";
import type { ChangeUi } from "../app/change-state.js";
import { countdownText } from "../app/change-view.js";
import { cell, type Glyphs } from "./glyphs.js";
import type { Line } from "./Pane.js";

export function bannerLines(g: Glyphs, ui: ChangeUi): Line[] {
  const out: Line[] = [];
  if (ui.busy) out.push({ text: `${g.more} ${ui.busy}`, color: "yellow" });
  if (ui.outcome) {
    const [first, ...rest] = ui.outcome.lines;
    const mark = ui.outcome.ok ? g.ok : g.wrong;
    const color = ui.outcome.ok ? "green" : "red";
    if (first !== undefined) out.push({ text: `${mark} ${first}`, color, bold: true });
    for (const l of rest.slice(0, 2)) out.push({ text: `  ${l}`, color });
  }
  const [next, ...more] = ui.rollbacks;
  if (next) {
    const also = more.length > 0 ? `  (+${more.length} more counting down; c keeps all)` : "";
    out.push({ text: `${g.warning} ${countdownText(next, ui.clock)}${also}`, color: "yellow", bold: true });
  }
  return out;
}

export function ChangeBanner({
  lines,
  width,
  g,
  color,
}: {
  lines: Line[];
  width: number;
  g: Glyphs;
  color: boolean;
}) {
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one banner, in order
        <Text key={i} bold={l.bold} color={color ? l.color : undefined}>
          {cell(g, l.text, width)}
        </Text>
      ))}
    </Box>
  );
}
