// `?`: every key, from the same table the input handler uses.
import { Box, Text } from "ink";
import { KEYS } from "../app/keymap.js";
import { cell, type Glyphs } from "./glyphs.js";

export interface HelpProps {
  width: number;
  height: number;
  g: Glyphs;
}

/** Keys that move the cursor, shown as one line each rather than one per key. */
const MOVES = [
  { keys: "↑ ↓ j k", help: "move" },
  { keys: "PgUp PgDn", help: "one page up / down" },
  { keys: "g G Home End", help: "first / last row" },
];
const HIDDEN = new Set(["up", "down", "page-up", "page-down", "top", "bottom"]);

export function helpLines(g: Glyphs): string[] {
  const entries = [
    ...KEYS.filter((k) => !HIDDEN.has(k.command)).map((k) => ({
      keys: k.keys,
      help: k.available ? k.help : `${k.help} (not yet)`,
    })),
    ...MOVES,
  ];
  const legend = `${g.wrong} wrong NIC  ${g.ok} ok  ${g.noRoute} no route  ${g.isNew} new  ${g.closed} closed  ${g.probe} probe  p persistent route`;
  return [...entries.map((e) => `  ${e.keys.padEnd(14)}${e.help}`), `  ${legend}`];
}

export function Help({ width, height, g }: HelpProps) {
  const lines = helpLines(g);
  const rows = Math.max(1, height - 1);
  // Two columns only when one does not fit (it does at 80x24).
  const perColumn = lines.length <= rows ? lines.length : Math.ceil(lines.length / 2);
  const columns = lines.length <= rows ? [lines] : [lines.slice(0, perColumn), lines.slice(perColumn)];
  const colWidth = Math.floor(width / columns.length);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{cell(g, "dualhome keys   (any key closes this help, q quits)", width)}</Text>
      <Box flexDirection="row">
        {columns.map((col) => (
          <Box key={col[0] ?? "empty"} flexDirection="column" width={colWidth}>
            {col.slice(0, rows).map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static lines, positions are their identity
              <Text key={i}>{cell(g, l, colWidth)}</Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
