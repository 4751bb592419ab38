// FastOutput must build the very text Ink's own Output builds, frame after frame
// (its row cache must never hand back a stale row), for any mix of styled,
// wide, multi-line, clipped and transformed writes.
import { Chalk } from "chalk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// Ink's module is not exported by its package: the reference is read from its file.
import InkOutput from "../../node_modules/ink/build/output.js";
import { FastOutput, installFastOutput } from "../../src/components/ink-output.js";

const styled = new Chalk({ level: 3 });
const pieces = ["a", "bc", " ", "│", "✓", "日本", "é", "…", "😀", "x y", "\n", "─┐"];
const styles = [(s: string) => s, styled.red, styled.bold, styled.inverse, styled.dim, styled.bgCyan.black];

const text = fc
  .array(fc.tuple(fc.constantFrom(...pieces), fc.nat(styles.length - 1)), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([p, s]) => (styles[s] ?? String)(p)).join(""));

type Op =
  | { kind: "write"; x: number; y: number; text: string; upper: boolean }
  | { kind: "clip"; x1: number; x2: number; y1: number; y2: number; horizontal: boolean }
  | { kind: "unclip" };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      x: fc.integer({ min: -3, max: 24 }),
      y: fc.integer({ min: -2, max: 9 }),
      text,
      upper: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("clip" as const),
      x1: fc.nat(10),
      x2: fc.nat(24),
      y1: fc.nat(4),
      y2: fc.nat(9),
      horizontal: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "unclip" as const }) },
);

interface AnyOutput {
  write(x: number, y: number, text: string, o: { transformers: ((l: string, i: number) => string)[] }): void;
  clip(c: object): void;
  unclip(): void;
  get(): { output: string; height: number };
}

function play(out: AnyOutput, ops: readonly Op[]) {
  for (const o of ops) {
    if (o.kind === "write")
      out.write(o.x, o.y, o.text, { transformers: o.upper ? [(l, i) => `${i}${l.toUpperCase()}`] : [] });
    else if (o.kind === "clip") out.clip(o.horizontal ? { x1: o.x1, x2: o.x2 } : o);
    else out.unclip();
  }
  return out.get();
}

describe("FastOutput", () => {
  it("builds Ink's text for random frames, again and again", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(op, { maxLength: 14 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 22 }),
        fc.integer({ min: 1, max: 8 }),
        (frames, width, height) => {
          // Frames in turn, then the first again: a reused row is the row Ink would build.
          for (const ops of [...frames, frames[0] ?? []]) {
            const ink = play(new InkOutput({ width, height }) as AnyOutput, ops);
            expect(play(new FastOutput({ width, height }), ops)).toEqual(ink);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("tells a changed row from the one before it", () => {
    const frame = (cursor: number) => {
      const out = new FastOutput({ width: 10, height: 3 });
      for (let y = 0; y < 3; y++)
        out.write(0, y, y === cursor ? styled.inverse("row") : "row", { transformers: [] });
      return out.get().output.split("\n");
    };
    expect(frame(0)).not.toEqual(frame(1));
    expect(frame(1)[1]).toBe(styled.inverse("row"));
  });

  it("takes the place of Ink's get on Node", async () => {
    const saved = InkOutput.prototype.get;
    try {
      expect(await installFastOutput()).toBe(true);
      expect(InkOutput.prototype.get).toBe(FastOutput.prototype.get);
    } finally {
      InkOutput.prototype.get = saved;
    }
  });
});
