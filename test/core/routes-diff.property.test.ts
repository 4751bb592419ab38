// diffRoutes: whatever the edits, removed ⊆ before, added ⊆ after, and before
// minus removed plus added is after (as sets of objects).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Route } from "../../src/core/model.js";
import { diffRoutes, sameRoute } from "../../src/core/routes-diff.js";

const mk = (i: number): Route => ({
  destination: `10.${i >> 8}.${i & 255}.0/24`,
  family: 4,
  gateway: "192.168.1.1",
  interface: "eth0",
  metric: 0,
  table: "main",
  type: "unicast",
  persistent: false,
});

const edit = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), id: fc.integer({ min: 1000, max: 2000 }) }),
  fc.record({ op: fc.constant("remove" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("copy" as const), at: fc.nat() }),
);

describe("diffRoutes", () => {
  it("accounts for every route, matching objects or equal copies in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(edit, { maxLength: 20 }), (n, edits) => {
        const before = Array.from({ length: n }, (_, i) => mk(i));
        const after = before.slice();
        for (const e of edits) {
          const at = after.length === 0 ? 0 : e.at % after.length;
          if (e.op === "insert") after.splice(at, 0, mk(e.id));
          else if (e.op === "remove") after.splice(at, 1);
          else if (after[at]) after[at] = { ...(after[at] as Route) };
        }
        const d = diffRoutes(before, after, 10_000);
        if (!d) throw new Error("over the limit");
        // Every added route is in after, every removed one in before.
        for (const r of d.added) expect(after).toContain(r);
        for (const r of d.removed) expect(before).toContain(r);
        // before − removed + added has the same content as after (equal copies count as the same).
        const rest = before.filter((r) => !d.removed.includes(r));
        const rebuilt = [...rest, ...d.added];
        expect(rebuilt.length).toBe(after.length);
        for (const r of after) expect(rebuilt.some((x) => sameRoute(x, r))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives up (null) past the limit, and reports nothing for equal copies", () => {
    const before = Array.from({ length: 10 }, (_, i) => mk(i));
    expect(diffRoutes(before, [], 5)).toBeNull();
    expect(
      diffRoutes(
        before,
        before.map((r) => ({ ...r })),
        0,
      ),
    ).toEqual({ removed: [], added: [] });
  });
});
