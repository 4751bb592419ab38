// `?`: every key, from the same table the input handler uses.
import { Box, Text } from "ink";
import { KEYS } from "../app/live/keymap.js";
import { cell, type Glyphs } from "./glyphs.js";
import { wrap } from "./wrap.js";

interface HelpProps {
  width: number;
  height: number;
  g: Glyphs;
  /** Which page, when the help is taller than the screen. */
  page: number;
}

/** Keys that move the cursor, shown as one line each rather than one per key. */
const MOVES = [
  { keys: "↑ ↓ j k", help: "move" },
  { keys: "PgUp PgDn", help: "one page up / down" },
  { keys: "g G Home End", help: "first / last row" },
];
const HIDDEN = new Set(["up", "down", "page-up", "page-down", "top", "bottom"]);

function helpLines(g: Glyphs): string[] {
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

/** The help wrapped to `width` and cut into pages of `rows` lines: readable whole at 80x24. */
function helpPages(g: Glyphs, width: number, rows: number): string[][] {
  const lines = helpLines(g).flatMap((l) => wrap(g, l, width, " ".repeat(14)));
  const size = Math.max(1, rows);
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += size) pages.push(lines.slice(i, i + size));
  return pages;
}

export function Help({ width, height, g, page }: HelpProps) {
  const pages = helpPages(g, width, Math.max(1, height - 1));
  const at = Math.max(0, Math.min(page, pages.length - 1));
  const more =
    pages.length > 1
      ? `page ${at + 1}/${pages.length}: ${at + 1 < pages.length ? `${g.arrowDown} more, ` : ""}${at > 0 ? `${g.arrowUp} back, ` : ""}any other key closes, q quits`
      : "any key closes this help, q quits";
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{cell(g, `dualhome keys   (${more})`, width)}</Text>
      {(pages[at] ?? []).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static lines, positions are their identity
        <Text key={i}>{cell(g, l, width)}</Text>
      ))}
    </Box>
  );
}
