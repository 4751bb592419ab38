// Widths in terminal columns, not UTF-16 units: a card named イーサネット 2 takes
// fourteen columns, an emoji two. Every cell, pad and cut on screen goes through here,
// so a border never moves because a name is wide.
import cliTruncate from "cli-truncate";
import sliceAnsi from "slice-ansi";
import stringWidth from "string-width";
import { BoundedMemo } from "../core/bounded-memo.js";

// Printable ASCII is one column per character: the common case skips the Unicode tables.
const NARROW = /^[\x20-\x7e]*$/;

/**
 * Widths of texts that are not plain ASCII, kept across frames: the rows on screen
 * are the same from one key press to the next, and string-width's grapheme path
 * costs microseconds a character. Emptied when full, so it stays small.
 */
const wide = new BoundedMemo<number>(4096);

/** Columns `text` takes on a terminal (string-width's answer, ANSI codes not counted). */
export function widthOf(text: string): number {
  return NARROW.test(text) ? text.length : wide.get(text, stringWidth);
}

export type CutAt = "end" | "middle";

/** `text` padded with spaces to exactly `width` columns, or cut (with `more`) at the end or in the middle. */
export function fitText(text: string, width: number, more: string, at: CutAt = "end"): string {
  if (width <= 0) return "";
  const w = widthOf(text);
  if (w <= width) return text + " ".repeat(width - w);
  const cut =
    width <= widthOf(more)
      ? sliceAnsi(text, 0, width)
      : cliTruncate(text, width, { position: at, truncationCharacter: more });
  // A wide character that would straddle the edge is dropped, so the cut can be one short.
  return cut + " ".repeat(Math.max(0, width - widthOf(cut)));
}

/** `text` padded on the left to `width` columns (numbers). */
export function padStartText(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - widthOf(text))) + text;
}

/** `text` padded on the right to `width` columns with `fill`, never cut. */
export function padEndText(text: string, width: number, fill = " "): string {
  return text + fill.repeat(Math.max(0, width - widthOf(text)));
}

/** The first `width` columns of `text` (a wide character that does not fit is left out). */
export function headText(text: string, width: number): string {
  if (widthOf(text) <= width) return text;
  return sliceAnsi(text, 0, width);
}

/** The last `width` columns of `text`. */
export function tailText(text: string, width: number): string {
  const w = widthOf(text);
  if (w <= width) return text;
  return sliceAnsi(text, w - width);
}
