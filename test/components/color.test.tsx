import { vi } from "vitest";

// Colour support is decided when Ink's colour library loads: force it before any import.
vi.hoisted(() => {
  process.env.FORCE_COLOR = "3";
});

import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { analysisOf, demoSnapshot, renderApp } from "./helpers.js";

afterEach(() => cleanup());

// Foreground / background colour selections: 30-37, 39, 40-47, 49, 90-97, 100-107, and 38;… / 48;…
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences is the point
const COLOUR = /\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[\d;]*)?m/;

describe("colour", () => {
  it("marks wrong flows red when colour is on, and uses no colour at all when it is off", async () => {
    const a = analysisOf(await demoSnapshot());
    const on = await renderApp({ columns: 160, rows: 45, analysis: a, color: true });
    const stuck = on
      .frame()
      .split("\n")
      .find((l) => l.includes("10.1.1.20:5061"));
    expect(stuck).toContain("\x1b[31m");
    const off = await renderApp({ columns: 160, rows: 45, analysis: a, color: false });
    expect(off.frame()).not.toMatch(COLOUR);
    // The marker and the words carry the meaning without colour.
    const plain = off
      .frame()
      .split("\n")
      .find((l) => l.includes("10.1.1.20:5061"));
    expect(plain).toMatch(/✗.*wrong NIC/);
  });
});
