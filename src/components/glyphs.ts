// Symbols for a Unicode terminal and their plain-ASCII stand-ins for raw
// consoles (--ascii): no box drawing, no arrows, nothing outside 7-bit ASCII.
import { asciiOnly, visibleField } from "../core/visible-text.js";
import { type CutAt, fitText } from "./text-cells.js";

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
  arrowUp: string;
  arrowDown: string;
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
  arrowUp: "↑",
  arrowDown: "↓",
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
  arrowUp: "Up",
  arrowDown: "Down",
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

/**
 * Text from elsewhere (messages from core, errors, card and process names) made safe for
 * the chosen glyphs: control characters shown escaped, never sent to the terminal raw.
 */
export function plain(g: Glyphs, text: string): string {
  const s = visibleField(text);
  return g.ascii ? asciiOnly(s) : s;
}

/** Exactly `width` display columns: padded, or cut with the ellipsis glyph (at the end or in the middle). */
export function cell(g: Glyphs, s: string, width: number, at: CutAt = "end"): string {
  return fitText(plain(g, s), width, g.more, at);
}
