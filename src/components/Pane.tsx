// A framed list drawn line by line: the frame is text, so --ascii can swap the
// characters, the title sits in the top edge, and exactly `height` lines come out.
import { Box, Text } from "ink";
import type { Glyphs } from "./glyphs.js";
import { cell } from "./glyphs.js";
import { padEndText, widthOf } from "./text-cells.js";

export interface Line {
  text: string;
  color?: string | undefined;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

interface PaneProps {
  title: string;
  width: number;
  height: number;
  focused: boolean;
  header: string;
  lines: Line[];
  g: Glyphs;
  color: boolean;
  /** Drawn into the bottom edge at the right, e.g. the cursor's "412/800". */
  footer?: string;
}

function bottomEdge(g: Glyphs, width: number, footer: string | undefined): string {
  const { bl, br, h } = g.box;
  const label = footer && widthOf(footer) + 6 <= width ? ` ${footer} ` : "";
  return `${bl}${h.repeat(Math.max(0, width - 3 - widthOf(label)))}${label}${h}${br}`;
}

/** Where the text's printable-ASCII end begins: after its last other character. */
function asciiTail(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return i + 1;
  }
  return 0;
}

export function Pane({ title, width, height, focused, header, lines, g, color, footer }: PaneProps) {
  const inner = Math.max(1, width - 2);
  const { tl, tr, h, v } = g.box;
  const label = cell(g, ` ${title} `, Math.max(0, inner - 3)).trimEnd();
  const top = padEndText(`${tl}${h}${label} `, width - 1, h) + tr;
  const edge = color && focused ? "cyan" : undefined;
  const body: Line[] = lines.slice(0, Math.max(0, height - 3));
  while (body.length < height - 3) body.push({ text: "" });
  return (
    <Box flexDirection="column" width={width}>
      <Text color={edge} bold={focused}>
        {top}
      </Text>
      <Text>
        <Text color={edge}>{v}</Text>
        <Text bold>{cell(g, header, inner)}</Text>
        <Text color={edge}>{v}</Text>
      </Text>
      {body.map((line, i) => {
        // Edges, marks and text as sibling nodes, not one squashed text: Ink measures each
        // text node's width every frame, and a box edge or a row's leading mark (not ASCII)
        // would send the whole row through string-width's slow grapheme path instead of
        // its ASCII one (at 200 columns, half of a key press's time).
        const text = cell(g, line.text, inner);
        const cut = asciiTail(text);
        const parts = cut > 0 && cut < text.length ? [text.slice(0, cut), text.slice(cut)] : [text];
        const style = {
          color: color ? line.color : undefined,
          bold: line.bold,
          dimColor: line.dim,
          inverse: line.inverse,
        };
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on screen, not items
          <Box key={i} width={width}>
            <Text color={edge}>{v}</Text>
            {parts.map((part, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the mark, then the rest
              <Text key={j} {...style}>
                {part}
              </Text>
            ))}
            <Text color={edge}>{v}</Text>
          </Box>
        );
      })}
      <Text color={edge}>{bottomEdge(g, width, footer)}</Text>
    </Box>
  );
}
