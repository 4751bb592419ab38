// Under the panes after a change: what came of it, and the rollback counting
// down until `c` keeps it or the watchdog reverts it.
import { Box, Text } from "ink";
import type { ChangeUi } from "../app/live/change-state.js";
import { countdownText } from "../app/live/change-view.js";
import { cell, type Glyphs } from "./glyphs.js";
import type { Line } from "./Pane.js";
import { wrap } from "./wrap.js";

type BannerLine = Line & { keep?: boolean };

/** Every line whole, wrapped to `width`: the busy line and the countdown are kept whatever else is cut. */
export function bannerLines(g: Glyphs, ui: ChangeUi, width = Number.POSITIVE_INFINITY): BannerLine[] {
  const out: BannerLine[] = [];
  const add = (text: string, style: Omit<BannerLine, "text">) => {
    for (const t of Number.isFinite(width) ? wrap(g, text, width, "    ") : [text])
      out.push({ ...style, text: t });
  };
  if (ui.busy) add(`${g.more} ${ui.busy}`, { color: "yellow", keep: true });
  if (ui.outcome) {
    const [first, ...rest] = ui.outcome.lines;
    const mark = ui.outcome.ok ? g.ok : g.wrong;
    const color = ui.outcome.ok ? "green" : "red";
    if (first !== undefined) add(`${mark} ${first}`, { color, bold: true });
    for (const l of rest) add(`  ${l}`, { color });
  }
  const [next, ...more] = ui.rollbacks;
  if (next) {
    const also = more.length > 0 ? `  (+${more.length} more counting down; c keeps all)` : "";
    add(`${g.warning} ${countdownText(next, ui.clock)}${also}`, { color: "yellow", bold: true, keep: true });
  }
  return out;
}

/**
 * At most `room` lines: the kept ones, then the outcome from its start; when some of it
 * does not fit, its last line says where the whole text is (Enter's detail view).
 */
export function fitBanner(g: Glyphs, lines: readonly BannerLine[], room: number): Line[] {
  if (lines.length <= room) return lines.slice();
  const kept = lines.filter((l) => l.keep).length;
  const free = Math.max(0, room - kept);
  let outcome = 0;
  return lines.flatMap((l) => {
    if (l.keep) return [l];
    outcome++;
    // With one line to spare, the outcome's first line says more than a pointer to it.
    if (outcome < free || (free === 1 && outcome === 1)) return [l];
    if (outcome === free)
      return [{ ...l, text: `  ${g.more} more: Enter shows the whole message`, bold: false }];
    return [];
  });
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
