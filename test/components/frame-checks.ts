// What "readable at this width" means, checked on a frame (ink-testing-library)
// or a screen (tmux capture-pane) alike.
import { expect } from "vitest";
import { widthOf } from "../../src/components/text-cells.js";

const BORDER = /[│┌┐└┘]/u;

/** Display columns where a border character stands on this line. */
export function borderColumns(line: string): number[] {
  const out: number[] = [];
  let col = 0;
  for (const ch of line) {
    if (BORDER.test(ch)) out.push(col);
    col += widthOf(ch);
  }
  return out;
}

/** No line wider than the terminal; every line of a pane has its borders where the pane's top corners are. */
export function expectStraight(screen: string, columns: number, at: string): void {
  const lines = screen.split("\n");
  for (const l of lines) expect(widthOf(l), `${at}: ${l}`).toBeLessThanOrEqual(columns);
  let edges: number[] | null = null;
  for (const l of lines) {
    const cols = borderColumns(l);
    if (l.includes("┌")) edges = cols;
    else if (edges && cols.length > 0) expect(cols, `${at}: ${l}`).toEqual(edges);
    if (l.includes("└")) edges = null;
  }
}
