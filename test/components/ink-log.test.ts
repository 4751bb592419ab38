// The live screen's log writes only changed lines (components/ink-log.ts). A small
// terminal model (cursor up, carriage return, line feed, erase line, text) plays
// the bytes: a frame drawn whole and then changed in place reads as the new frame.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changedLines } from "../../src/components/ink-log.js";

const CSI = new RegExp(`^${"\u001b"}\\[(\\d*)([AK])`);

/** Plays `bytes` on a screen of `rows` lines with the cursor at (row, column). */
function play(screen: string[], cursor: { row: number; col: number }, bytes: string): void {
  let i = 0;
  while (i < bytes.length) {
    const csi = CSI.exec(bytes.slice(i));
    if (csi) {
      if (csi[2] === "A") cursor.row = Math.max(0, cursor.row - Number(csi[1] || 1));
      else screen[cursor.row] = "";
      i += csi[0].length;
      continue;
    }
    const c = bytes[i++] as string;
    if (c === "\r") cursor.col = 0;
    else if (c === "\n") {
      cursor.row++;
      cursor.col = 0;
    } else {
      const line = (screen[cursor.row] ?? "").padEnd(cursor.col, " ");
      screen[cursor.row] = line.slice(0, cursor.col) + c + line.slice(cursor.col + 1);
      cursor.col++;
    }
  }
}

/** Ink's standard log's first frame: the text, below what the shell had printed. */
function drawn(frame: string) {
  const screen: string[] = ["$ one", "$ two", "$ dualhome"];
  const cursor = { row: 3, col: 0 };
  play(screen, cursor, frame);
  return { screen, cursor };
}

/** The screen's lines as a reader sees them: no trailing blanks, no empty lines at the bottom. */
function text(screen: string[]): string[] {
  const lines = Array.from(screen, (l) => (l ?? "").trimEnd());
  while (lines.at(-1) === "") lines.pop();
  return lines;
}

const line = fc.stringMatching(/^[a-z │─┘]{0,12}$/);

describe("changedLines", () => {
  it("leaves the first frame, a frame of another height and one taller than the screen to the whole draw", () => {
    expect(changedLines("", "a\nb\n", 50)).toBeNull();
    expect(changedLines("a\nb\n", "a\nb\nc\n", 50)).toBeNull();
    expect(changedLines("a\nb\n", "a\nc\n", 2)).toBeNull();
  });

  it("writes only the changed line: up to the frame's top, then down", () => {
    expect(changedLines("title\nrow 1\nrow 2\n", "title\nROW 1\nrow 2\n", 50)).toBe(
      "\u001b[3A\r\n\r\u001b[2KROW 1\n\n",
    );
  });

  it("a frame changed in place reads as the new frame, with the cursor where a whole draw leaves it", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) =>
            fc.tuple(
              fc.array(line, { minLength: n, maxLength: n }),
              fc.array(line, { minLength: n, maxLength: n }),
            ),
          ),
        fc.boolean(),
        ([before, after], trailingNewline) => {
          const end = trailingNewline ? "\n" : "";
          const a = before.join("\n") + end;
          const b = after.join("\n") + end;
          const diff = changedLines(a, b, 50);
          if (a === "") return;
          const { screen, cursor } = drawn(a);
          expect(diff).not.toBeNull();
          play(screen, cursor, diff ?? "");
          const want = drawn(b);
          expect(text(screen)).toEqual(text(want.screen));
          expect(cursor.row).toBe(want.cursor.row);
        },
      ),
    );
  });
});
