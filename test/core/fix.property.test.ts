// Property: applying the fix planned for a wrong-NIC finding and classifying
// again leaves no wrong-NIC flow for that destination, whatever else is in the
// table, on Windows (strong host) and Linux (weak host).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { buildExpecter, matchPolicy } from "../../src/core/expect.js";
import { formatV4 } from "../../src/core/ip.js";
import { buildIndex, lookup } from "../../src/core/lookup.js";
import type { OsKind, Route } from "../../src/core/model.js";
import { applyChanges } from "../../src/core/plan.js";
import {
  conn,
  internalPolicy,
  linuxCards,
  linuxRoutes,
  route,
  snapshot,
  winCards,
  winRoutes,
} from "./support/story.js";

const BASES = [
  { v: 0x0a000000, len: 8 },
  { v: 0xac100000, len: 12 },
  { v: 0xc0a80000, len: 16 },
];

const privateAddr = fc
  .tuple(fc.constantFrom(...BASES), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([b, r]) => (b.v | (r >>> b.len)) >>> 0);

const prefixNear = (len: number, addr: number) => {
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return `${formatV4((addr & mask) >>> 0)}/${len}`;
};

const extraRoute = (cards: [string, string]) =>
  fc
    .record({
      addr: privateAddr,
      len: fc.integer({ min: 8, max: 32 }),
      gateway: fc.constantFrom("192.168.1.1", "192.168.1.254", "192.168.1.77", null),
      card: fc.constantFrom(...cards),
      metric: fc.integer({ min: 0, max: 500 }),
      persistent: fc.boolean(),
      isDefault: fc.integer({ min: 0, max: 9 }),
    })
    .map(
      (r): Route =>
        r.isDefault === 0
          ? route("0.0.0.0/0", r.gateway ?? "192.168.1.254", r.card, r.metric)
          : route(prefixNear(r.len, r.addr), r.gateway, r.card, r.metric, { persistent: r.persistent }),
    );

function setup(os: OsKind) {
  return os === "windows"
    ? { cards: winCards(), routes: winRoutes(), names: ["ext", "int"] as [string, string] }
    : { cards: linuxCards(), routes: linuxRoutes(), names: ["eth0", "eth1"] as [string, string] };
}

describe("fix planning", () => {
  it("the planned fix leaves no wrong-NIC flow for the destination", () => {
    let exercised = 0;
    const cases = fc.constantFrom<OsKind>("windows", "linux").chain((os) =>
      fc.record({
        os: fc.constant(os),
        dest: privateAddr,
        extra: fc.array(extraRoute(setup(os).names), { maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ os, dest, extra }) => {
        const { cards, routes: base, names } = setup(os);
        const routes = [...base, ...extra];
        const policy = internalPolicy(names[1]);
        const d = formatV4(dest);
        const flow = conn("192.168.1.10:50123", `${d}:5061`, "SYN_SENT");
        const before = analyze(snapshot(os, cards, routes, [flow]), { policy });
        if (before.connections[0]?.verdict !== "wrong-nic") return;
        exercised++;
        const m = matchPolicy(buildExpecter(policy, cards), d);
        if (m.kind !== "rule") throw new Error(`wrong-nic flow to ${d} outside every rule`);
        const finding = before.findings.find((f) => f.id === "wrong-nic-route" && f.subject === m.prefix);
        expect(finding).toBeDefined();
        const after = applyChanges(routes, finding?.fix ?? [], cards, os);
        // A new connection takes the source the route gives it (strong host: that card's address).
        const source = lookup(buildIndex(os, cards, after), { destination: d }).source;
        expect(source).not.toBeNull();
        const fresh = conn(`${source}:50124`, `${d}:5061`, "SYN_SENT");
        const again = analyze(snapshot(os, cards, after, [fresh, flow]), { policy });
        expect(again.connections[0]).toMatchObject({ verdict: "ok", egress: { interface: names[1] } });
        // Weak host: even the flow bound to the first card's address now leaves by the right one.
        if (os === "linux") expect(again.connections[1]?.verdict).toBe("ok");
        // And the table itself no longer sends the prefix elsewhere (Windows keeps the old flow on ext).
        const table = analyze(snapshot(os, cards, after, [fresh]), { policy });
        expect(table.findings.filter((f) => f.id === "wrong-nic-route" && f.subject === m.prefix)).toEqual(
          [],
        );
      }),
      { numRuns: 1000 },
    );
    // Most random destinations start out wrong: the property is not vacuous.
    expect(exercised).toBeGreaterThan(500);
  });
});
