import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteForceRoute } from "../../bench/brute-force.js";
import { formatAddr } from "../../src/core/ip.js";
import { buildIndex, lookup } from "../../src/core/lookup.js";
import type { NetInterface, OsKind, PolicyRule, Route, RouteType } from "../../src/core/model.js";

const RUNS = 1000;
const cards: NetInterface[] = [
  { index: 2, name: "eth0", up: true, addresses: [{ address: "10.0.0.2", prefixLen: 24, family: 4 }] },
  { index: 3, name: "eth1", up: true, addresses: [{ address: "10.0.1.2", prefixLen: 24, family: 4 }] },
];

// Addresses crowd into a few /8s so random prefixes overlap and ties happen.
const v4 = fc
  .tuple(
    fc.constantFrom(10, 192, 0),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 255 }),
    fc.nat(255),
  )
  .map(([a, b, c, d]) => ({ family: 4 as const, v: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0 }));
const v6 = fc
  .tuple(
    fc.constantFrom(0x20010db8n, 0xfd000000n, 0n),
    fc.bigInt({ min: 0n, max: 7n }),
    fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  )
  .map(([hi, mid, lo]) => ({ family: 6 as const, v: (hi << 96n) | (mid << 64n) | lo }));
const addr = fc.oneof(v4, v4, v6);
const prefix = addr.chain((a) =>
  fc.integer({ min: 0, max: a.family === 4 ? 32 : 128 }).map((len) => `${formatAddr(a)}/${len}`),
);

function routeArb(os: OsKind): fc.Arbitrary<Route> {
  const types: RouteType[] =
    os === "linux"
      ? ["unicast", "unicast", "unicast", "blackhole", "unreachable", "prohibit", "throw"]
      : ["unicast", "unicast", "blackhole"];
  return fc
    .record({
      p: prefix,
      gw: fc.option(fc.constantFrom("10.0.0.1", "10.0.1.1", "fe80::1"), { nil: null }),
      dev: fc.constantFrom("eth0", "eth1"),
      metric: fc.integer({ min: 0, max: 3 }),
      table: os === "linux" ? fc.constantFrom("main", "main", "100", "local") : fc.constant("main"),
      type: fc.constantFrom(...types),
    })
    .map(({ p, gw, dev, metric, table, type }) => {
      const family = p.includes(":") ? (6 as const) : (4 as const);
      const special = type !== "unicast";
      return {
        destination: p,
        family,
        gateway: special ? null : gw,
        interface: special ? null : dev,
        metric,
        table,
        type,
        persistent: false,
      };
    });
}

// Ranges around the ports the queries use, so rules both match and miss.
const portRange = fc
  .tuple(fc.constantFrom(0, 53, 1000, 1200, 5061), fc.constantFrom(0, 53, 1500, 5061, 65535))
  .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

const ruleArb: fc.Arbitrary<PolicyRule> = fc
  .record({
    family: fc.constantFrom(4 as const, 4 as const, 6 as const),
    priority: fc.integer({ min: 0, max: 40000 }),
    not: fc.boolean(),
    from: fc.option(prefix, { nil: undefined }),
    to: fc.option(prefix, { nil: undefined }),
    fwmark: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    oif: fc.option(fc.constantFrom("eth0", "eth1"), { nil: undefined }),
    action: fc.constantFrom(
      "lookup",
      "lookup",
      "lookup",
      "goto",
      "nop",
      "blackhole",
      "unreachable",
      "prohibit",
    ) as fc.Arbitrary<PolicyRule["action"]>,
    table: fc.constantFrom("main", "100", "local", "default"),
    goto: fc.integer({ min: 0, max: 40000 }),
    suppress: fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined }),
    ipproto: fc.option(fc.constantFrom(6, 17), { nil: undefined }),
    dport: fc.option(portRange, { nil: undefined }),
    sport: fc.option(portRange, { nil: undefined }),
  })
  .map((r) => ({
    family: r.family,
    priority: r.priority,
    not: r.not,
    ...(r.from ? { from: r.from } : {}),
    ...(r.to ? { to: r.to } : {}),
    ...(r.fwmark === undefined ? {} : { fwmark: r.fwmark }),
    ...(r.oif ? { oif: r.oif } : {}),
    action: r.action,
    table: r.table,
    goto: r.goto,
    ...(r.suppress === undefined ? {} : { suppressPrefixlength: r.suppress }),
    ...(r.ipproto === undefined ? {} : { ipproto: r.ipproto }),
    ...(r.dport ? { dport: r.dport } : {}),
    ...(r.sport ? { sport: r.sport } : {}),
  }));

const query = fc.record({
  dst: addr,
  src: fc.option(addr, { nil: undefined }),
  oif: fc.option(fc.constantFrom("eth0", "eth1"), { nil: undefined }),
  fwmark: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  ipproto: fc.option(fc.constantFrom(6, 17), { nil: undefined }),
  sport: fc.option(fc.constantFrom(0, 53, 1000, 1500, 5061), { nil: undefined }),
  dport: fc.option(fc.constantFrom(0, 53, 1000, 1500, 5061), { nil: undefined }),
});

type Query = typeof query extends fc.Arbitrary<infer T> ? T : never;

function agree(os: OsKind, routes: Route[], rules: PolicyRule[], qs: Query[]): void {
  const index = buildIndex(os, cards, routes, rules);
  for (const q of qs) {
    const lq = {
      destination: formatAddr(q.dst),
      ...(q.src && q.src.family === q.dst.family ? { source: formatAddr(q.src) } : {}),
      ...(q.oif ? { oif: q.oif } : {}),
      ...(q.fwmark === undefined ? {} : { fwmark: q.fwmark }),
      ...(q.ipproto === undefined ? {} : { ipproto: q.ipproto }),
      ...(q.sport === undefined ? {} : { sport: q.sport }),
      ...(q.dport === undefined ? {} : { dport: q.dport }),
    };
    const got = lookup(index, lq);
    const want = bruteForceRoute(os, routes, rules, lq);
    if (
      os === "linux" &&
      lq.oif &&
      want.type === "no-route" &&
      got.route === null &&
      got.type === "unicast"
    ) {
      expect(got.interface).toBe(lq.oif); // forced-oif on-link fallback
      continue;
    }
    expect(got.route).toBe(want.route);
    const wantType = want.type === "throw" ? "unreachable" : want.type;
    expect(got.type).toBe(wantType);
  }
}

describe("lookup agrees with a brute-force scan", () => {
  for (const os of ["linux", "windows", "darwin"] as const) {
    it(`${os}: random tables, metrics, special types${os === "linux" ? ", rules" : ""}`, () => {
      fc.assert(
        fc.property(
          fc.array(routeArb(os), { maxLength: 40 }),
          os === "linux" ? fc.array(ruleArb, { maxLength: 6 }) : fc.constant<PolicyRule[]>([]),
          fc.array(query, { minLength: 1, maxLength: 8 }),
          (routes, rules, qs) => agree(os, routes, rules, qs),
        ),
        { numRuns: RUNS },
      );
    });
  }
});
