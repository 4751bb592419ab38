import { describe, expect, it } from "vitest";
import { mapBounded } from "../../src/core/map-bounded.js";

describe("mapBounded", () => {
  it("keeps the input order, runs at most `limit` at once, and every item once", async () => {
    let live = 0;
    let most = 0;
    const seen: number[] = [];
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      live++;
      most = Math.max(most, live);
      await new Promise((r) => setTimeout(r, n * 2));
      live--;
      seen.push(n);
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("no items: no work", async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});
