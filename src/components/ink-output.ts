// Ink's Output (ink 6.8, build/output.js) with the same text for every frame,
// for a screen that hardly changes between frames. Ink builds each frame from
// nothing: a cell object for every column of every row (10,000 at 200x50), every
// styled line tokenized again, every cell's style diffed against its neighbour's.
// At 200x50 that was 25-50 ms a frame, most of a key press's latency, and its
// garbage set off the collector's long pauses beside a million routes.
// A row's text is a pure function of what was written into it (the row's width and
// its segments: column and text, in order), so a row written as in an earlier
// frame reuses that frame's text; only changed rows go through Ink's own steps,
// with Ink's own functions. test/components/ink-output.test.ts holds it to Ink's.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  type StyledChar,
  styledCharsFromTokens,
  styledCharsToString,
  tokenize,
} from "@alcalzone/ansi-tokenize";
import sliceAnsi from "slice-ansi";
import { BoundedMemo } from "../core/bounded-memo.js";
import { widthOf } from "./text-cells.js";

type Transformer = (line: string, index: number) => string;
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Operation =
  | { type: "write"; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: "clip"; clip: Clip }
  | { type: "unclip" };

const rowTexts = new BoundedMemo<string>(2048);
const lineChars = new BoundedMemo<StyledChar[]>(4096);

function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split("\n")) widest = Math.max(widest, widthOf(line));
  return widest;
}
const BLANK: StyledChar = Object.freeze({
  type: "char",
  value: " ",
  fullWidth: false,
  styles: [],
}) as StyledChar;

interface Segment {
  x: number;
  line: string;
}

/** Ink's placing of styled characters into one row, then its row text. */
function rowText(width: number, segments: readonly Segment[]): string {
  const row: StyledChar[] = new Array(width).fill(BLANK);
  for (const { x, line } of segments) {
    let offsetX = x;
    for (const character of lineChars.get(line, (l) => styledCharsFromTokens(tokenize(l)))) {
      row[offsetX] = character;
      const characterWidth = Math.max(1, widthOf(character.value));
      for (let i = 1; i < characterWidth; i++)
        row[offsetX + i] = { type: "char", value: "", fullWidth: false, styles: character.styles };
      offsetX += characterWidth;
    }
  }
  return styledCharsToString(row.filter((item) => item !== undefined)).trimEnd();
}

/** The segments each row receives: Ink's clipping and transformers, in Ink's order. */
function segmentsOf(height: number, operations: readonly Operation[]): Segment[][] {
  const rows: Segment[][] = Array.from({ length: height }, () => []);
  const clips: Clip[] = [];
  for (const operation of operations) {
    if (operation.type === "clip") clips.push(operation.clip);
    if (operation.type === "unclip") clips.pop();
    if (operation.type !== "write") continue;
    let { x, y } = operation;
    let lines = operation.text.split("\n");
    const clip = clips.at(-1);
    if (clip) {
      const horizontally = typeof clip.x1 === "number" && typeof clip.x2 === "number";
      const vertically = typeof clip.y1 === "number" && typeof clip.y2 === "number";
      const { x1 = 0, x2 = 0, y1 = 0, y2 = 0 } = clip;
      if (horizontally && (x + widestLine(operation.text) < x1 || x > x2)) continue;
      if (vertically && (y + lines.length < y1 || y > y2)) continue;
      if (horizontally) {
        lines = lines.map((line) => {
          const width = widthOf(line);
          return sliceAnsi(line, x < x1 ? x1 - x : 0, x + width > x2 ? x2 - x : width);
        });
        if (x < x1) x = x1;
      }
      if (vertically) {
        const from = y < y1 ? y1 - y : 0;
        lines = lines.slice(from, y + lines.length > y2 ? y2 - y : lines.length);
        if (y < y1) y = y1;
      }
    }
    let offsetY = 0;
    for (let [index, line] of lines.entries()) {
      const row = rows[y + offsetY];
      if (!row) continue;
      for (const transformer of operation.transformers) line = transformer(line, index);
      row.push({ x, line });
      offsetY++;
    }
  }
  return rows;
}

let framesBuilt = 0;
/** How many frames FastOutput has built (a diagnostic: render-mode.ts). */
export const fastFrames = () => framesBuilt;

// The package script's bundle defines this: there FastOutput is Ink's module.
declare const __DUALHOME_BUNDLED__: boolean | undefined;

export class FastOutput {
  readonly width: number;
  readonly height: number;
  readonly operations: Operation[] = [];

  constructor({ width, height }: { width: number; height: number }) {
    this.width = width;
    this.height = height;
  }

  write(x: number, y: number, text: string, { transformers }: { transformers: Transformer[] }): void {
    if (text) this.operations.push({ type: "write", x, y, text, transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: "clip", clip });
  }

  unclip(): void {
    this.operations.push({ type: "unclip" });
  }

  get(): { output: string; height: number } {
    framesBuilt++;
    const width = this.width;
    const texts = segmentsOf(this.height, this.operations).map((segments) => {
      let key = `${width}`;
      for (const s of segments) key += `\u0001${s.x}\u0000${s.line}`;
      return rowTexts.get(key, () => rowText(width, segments));
    });
    return { output: texts.join("\n"), height: this.height };
  }
}

/**
 * Has Ink's own Output build frames the way FastOutput does. The single executable
 * does not need this: its bundle puts FastOutput in place of Ink's module. Returns
 * false where Ink's module is not on disk.
 */
export async function installFastOutput(): Promise<boolean> {
  if (typeof __DUALHOME_BUNDLED__ === "boolean") return true;
  let url: string;
  try {
    const index = createRequire(import.meta.url).resolve("ink");
    url = pathToFileURL(path.join(path.dirname(index), "output.js")).href;
  } catch {
    return false;
  }
  const { default: InkOutput } = (await import(url)) as { default: { prototype: { get: unknown } } };
  InkOutput.prototype.get = FastOutput.prototype.get;
  return true;
}
