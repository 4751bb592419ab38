// The input guard against Ink 6.8.0's own key parser: whatever escape sequence comes
// in, what reaches Ink parses to a key it can name; the keys people press pass as is.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import parseKeypress from "../../node_modules/ink/build/parse-keypress.js";
import { keysOnly } from "../../src/components/input-guard.js";

/** What Ink 6.8.0's useInput computes as `input` (undefined is its TypeError). */
const inkInput = (seq: string) => {
  const k = parseKeypress(seq);
  return k.ctrl ? k.name : k.sequence;
};

describe("keysOnly", () => {
  it("keeps arrows, Home/End, PgUp/PgDn, Delete, F1-F12, Esc, Tab and letters", () => {
    for (const key of [
      "\x1b[A",
      "\x1b[B",
      "\x1b[C",
      "\x1b[D",
      "\x1b[H",
      "\x1b[F",
      "\x1b[5~",
      "\x1b[6~",
      "\x1b[3~",
      "\x1bOP",
      "\x1b[15~",
      "\x1b[24~",
      "\x1b",
      "\t",
      "q",
      "?",
      "\x1b[1;5A",
      "\x1b[Z",
    ])
      expect(keysOnly(key)).toBe(key);
  });

  it("drops colour codes, titles and terminal replies", () => {
    expect(keysOnly("\x1b[31m")).toBe("");
    expect(keysOnly("a\x1b]0;owned\x07b")).toBe("ab");
    expect(keysOnly("\x1bP1$r\x1b\\k")).toBe("k");
    expect(keysOnly("\x1b[?25h\x1b[1;5P")).toBe("");
  });

  it("Ink can name every CSI sequence that passes", () => {
    const csi = fc
      .tuple(
        fc.stringMatching(/^[0-9;?<=>]{0,6}$/),
        fc.stringMatching(/^[ -/]{0,1}$/),
        fc.integer({ min: 0x40, max: 0x7e }),
      )
      .map(([p, i, f]) => `\x1b[${p}${i}${String.fromCharCode(f)}`);
    fc.assert(
      fc.property(csi, (seq) => {
        const kept = keysOnly(seq);
        if (kept !== "") expect(typeof inkInput(kept)).toBe("string");
      }),
      { numRuns: 2000 },
    );
  });
});
