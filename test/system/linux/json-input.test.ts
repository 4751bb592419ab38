// Reading `ip -json` output: odd card names and huge or deep entries never break it.
import { describe, expect, it } from "vitest";
import { brief, readJsonArray } from "../../../src/system/linux/json-input.js";

describe("readJsonArray", () => {
  it("reads names with raw control bytes, as iproute2 prints them", () => {
    // ip -json prints ifname raw: `ip link add $'e\x1b[2J' type veth …` gives this.
    const r = readJsonArray('[{"ifname":"e\x1b[2J","i":1},{"ifname":"t\x1b]0;X\x07"}]', "ip -json addr show");
    expect(r.error).toBeUndefined();
    expect(r.items).toEqual([{ ifname: "e\x1b[2J", i: 1 }, { ifname: "t\x1b]0;X\x07" }]);
  });

  it("still reports garbage as not JSON", () => {
    expect(readJsonArray("Error: \x01 not json", "ip -json addr show").error).toMatch(/not valid JSON/);
  });
});

describe("brief", () => {
  it("writes small entries as JSON does", () => {
    const v = { a: 1, b: [1, 2, "x"], c: { d: null }, e: true };
    expect(brief(v)).toBe(JSON.stringify(v));
  });

  it("cuts long entries", () => {
    const s = brief({ name: "x".repeat(10_000), list: Array.from({ length: 100_000 }, (_, i) => i) });
    expect(s.length).toBe(120);
    expect(s.endsWith("...")).toBe(true);
  });

  it("survives an entry nested a million deep (JSON.stringify overflows the stack)", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(brief(deep)).toBe(`${"[".repeat(117)}...`);
  });
});
