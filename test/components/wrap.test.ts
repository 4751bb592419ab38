// The one word wrap, in display columns.
import { describe, expect, it } from "vitest";
import { ASCII, UNICODE } from "../../src/components/glyphs.js";
import { fitText, widthOf } from "../../src/components/text-cells.js";
import { wrap } from "../../src/components/wrap.js";

describe("wrap", () => {
  it("keeps words whole, indents continuation lines and cuts words longer than the width", () => {
    expect(wrap(UNICODE, "  alpha beta gamma delta", 12, "  ")).toEqual([
      "  alpha beta",
      "    gamma",
      "    delta",
    ]);
    expect(wrap(UNICODE, "abcdefghijklmnopqrstuvwxyz", 10)).toEqual(["abcdefghij", "klmnopqrst", "uvwxyz"]);
    expect(wrap(ASCII, "a → b", 20)).toEqual(["a -> b"]);
  });

  it("counts a CJK character as two columns and an emoji as two", () => {
    const lines = wrap(UNICODE, "leaves イーサネット 2 via 192.168.1.1 then 🌐🌐🌐🌐🌐🌐🌐 ok", 12, "  ");
    for (const l of lines) expect(widthOf(l)).toBeLessThanOrEqual(12);
    expect(lines.join(" ").replace(/\s+/g, "")).toBe("leavesイーサネット2via192.168.1.1then🌐🌐🌐🌐🌐🌐🌐ok");
    expect(lines.slice(0, 3)).toEqual(["leaves", "  イーサネッ", "  ト 2 via"]);
  });
});

describe("fitText", () => {
  it("pads and cuts by columns, in the middle when asked", () => {
    expect(fitText("eth0", 6, "…")).toBe("eth0  ");
    expect(widthOf(fitText("イーサネット 2", 9, "…"))).toBe(9);
    expect(fitText("Loopback Pseudo-Interface 1", 11, "…", "middle")).toBe("Loopb…ace 1");
    expect(fitText("enp0s31f6-long", 8, "~")).toBe("enp0s31~");
  });
});
