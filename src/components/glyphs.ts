// Symbols for a Unicode terminal and their plain-ASCII stand-ins for raw
// consoles (--ascii): no box drawing, no arrows, nothing outside 7-bit ASCII.
import { visibleField } from "../core/visible-text.js";

export interface Glyphs {
  ascii: boolean;
  wrong: string;
  ok: string;
  noRoute: string;
  unknown: string;
  isNew: string;
  closed: string;
  probe: string;
  arrow: string;
  sep: string;
  more: string;
  error: string;
  warning: string;
  info: string;
  caret: string;
  box: { tl: string; tr: string; bl: string; br: string; h: string; v: string };
}

export const UNICODE: Glyphs = {
  ascii: false,
  wrong: "✗",
  ok: "✓",
  noRoute: "!",
  unknown: "?",
  isNew: "*",
  closed: "-",
  probe: ">",
  arrow: "→",
  sep: "·",
  more: "…",
  error: "✗",
  warning: "!",
  info: "i",
  caret: "█",
  box: { tl: "┌", tr: "┐", bl: "└", br: "┘", h: "─", v: "│" },
};

export const ASCII: Glyphs = {
  ascii: true,
  wrong: "X",
  ok: "o",
  noRoute: "!",
  unknown: "?",
  isNew: "*",
  closed: "-",
  probe: ">",
  arrow: "->",
  sep: "|",
  more: "~",
  error: "X",
  warning: "!",
  info: "i",
  caret: "_",
  box: { tl: "+", tr: "+", bl: "+", br: "+", h: "-", v: "|" },
};

export function glyphsFor(ascii: boolean): Glyphs {
  return ascii ? ASCII : UNICODE;
}

const TRANSLIT: Record<string, string> = {
  "→": "->",
  "←": "<-",
  "↑": "Up",
  "↓": "Down",
  "…": "...",
  "·": "|",
  "✗": "X",
  "✓": "o",
  "—": "-",
  "–": "-",
  "’": "'",
  "“": '"',
  "”": '"',
};

/**
 * Text from elsewhere (messages from core, errors, card and process names) made safe for
 * the chosen glyphs: control characters shown escaped, never sent to the terminal raw.
 */
export function plain(g: Glyphs, text: string): string {
  const s = visibleField(text);
  if (!g.ascii) return s;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to keep 7-bit ASCII only
  return s.replace(/[^\x00-\x7f]/g, (ch) => TRANSLIT[ch] ?? "?");
}

/** Exactly `width` columns: padded, or cut with the ellipsis glyph. */
export function cell(g: Glyphs, s: string, width: number): string {
  if (width <= 0) return "";
  const t = plain(g, s);
  if (t.length <= width) return t.padEnd(width);
  if (width <= g.more.length) return t.slice(0, width);
  return t.slice(0, width - g.more.length) + g.more;
}
