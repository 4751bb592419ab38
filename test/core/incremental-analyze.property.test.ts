// The incremental analyzer against analyze(): over random sequences of polls in
// which routes, rules, cards, sysctls, policy and connections change or stay
// (as the same objects, or as equal new ones), every result must be equal.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, connectionKey } from "../../src/core/analyze.js";
import { createIncrementalAnalyzer } from "../../src/core/incremental-analyze.js";
import type { OsKind } from "../../src/core/model.js";
import {
  cards,
  connArb,
  routeArb,
  rules,
  snapshotOf,
  step,
  stepArb,
  type World,
} from "./support/poll-world.js";

describe("createIncrementalAnalyzer", () => {
  it("equals analyze() on every poll of random poll sequences", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OsKind>("linux", "linux", "windows"),
        fc.array(routeArb, { maxLength: 10 }),
        fc.array(connArb, { maxLength: 8 }),
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        (os, routes, conns, steps) => {
          const incremental = createIncrementalAnalyzer();
          let w: World = {
            os,
            routes,
            conns,
            cards: cards(0),
            rules: rules(1),
            sysctls: { all: { rp_filter: 0 } },
            policy: null,
            routesFail: false,
            connsFail: false,
            now: 1_000_000,
          };
          const firstSeen = new Map<string, number>();
          for (const s of [null, ...steps]) {
            if (s) w = step(w, s);
            const snap = snapshotOf(w);
            if (snap.connections.ok)
              for (const c of snap.connections.value)
                if (!firstSeen.has(connectionKey(c))) firstSeen.set(connectionKey(c), w.now);
            const opts = { policy: w.policy, now: w.now, firstSeen };
            expect(incremental(snap, opts)).toEqual(analyze(snap, opts));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
