import { describe, expect, it } from "vitest";
import { buildIndex, lookup, ownerOf } from "../../src/core/lookup.js";
import type { NetInterface, PolicyRule, Route } from "../../src/core/model.js";

const r = (
  destination: string,
  gateway: string | null,
  iface: string | null,
  metric: number,
  extra: Partial<Route> = {},
): Route => ({
  destination,
  family: destination.includes(":") ? 6 : 4,
  gateway,
  interface: iface,
  metric,
  table: "main",
  type: "unicast",
  persistent: false,
  ...extra,
});

// DESIGN.md §1, as `route print` shows it on the Windows server.
const winCards: NetInterface[] = [
  {
    index: 0x10003,
    name: "ext",
    up: true,
    metric: 25,
    addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4 }],
  },
  {
    index: 0x10004,
    name: "int",
    up: true,
    metric: 35,
    addresses: [{ address: "192.168.1.11", prefixLen: 24, family: 4 }],
  },
];
const winRoutes = [
  r("0.0.0.0/0", "192.168.1.1", "ext", 25),
  r("192.168.1.0/24", null, "ext", 281),
  r("192.168.1.0/24", null, "int", 291),
  r("192.168.1.10/32", null, "ext", 281, { type: "local" }),
  r("192.168.1.11/32", null, "int", 291, { type: "local" }),
];

describe("Windows story", () => {
  it("without a route, 10.1.1.20 leaves ext via the internet gateway from 192.168.1.10", () => {
    const idx = buildIndex("windows", winCards, winRoutes);
    expect(lookup(idx, { destination: "10.1.1.20" })).toMatchObject({
      type: "unicast",
      interface: "ext",
      gateway: "192.168.1.1",
      source: "192.168.1.10",
    });
  });

  it("strong host: from the internal address there is no route at all", () => {
    const idx = buildIndex("windows", winCards, winRoutes);
    const res = lookup(idx, { destination: "10.1.1.20", oif: ownerOf(idx, "192.168.1.11")?.name ?? "" });
    expect(res.type).toBe("no-route");
  });

  it("the pinned route sends 10/8 out of int via 192.168.1.254", () => {
    const idx = buildIndex("windows", winCards, [...winRoutes, r("10.0.0.0/8", "192.168.1.254", "int", 45)]);
    expect(lookup(idx, { destination: "10.1.1.20" })).toMatchObject({
      interface: "int",
      gateway: "192.168.1.254",
      source: "192.168.1.11",
    });
  });

  it("ties on prefix go to the lowest route+interface metric; a down card's routes are ignored", () => {
    const idx = buildIndex("windows", winCards, winRoutes);
    expect(lookup(idx, { destination: "192.168.1.50" }).interface).toBe("ext");
    const down = winCards.map((c) => (c.name === "ext" ? { ...c, up: false } : c));
    expect(lookup(buildIndex("windows", down, winRoutes), { destination: "192.168.1.50" }).interface).toBe(
      "int",
    );
  });
});

const linCards: NetInterface[] = [
  {
    index: 1,
    name: "lo",
    up: true,
    addresses: [{ address: "127.0.0.1", prefixLen: 8, family: 4, scope: "host" }],
  },
  {
    index: 2,
    name: "eth0",
    up: true,
    addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4, primary: true, scope: "global" }],
  },
  {
    index: 3,
    name: "eth1",
    up: true,
    addresses: [
      { address: "192.168.1.11", prefixLen: 24, family: 4, primary: true, scope: "global" },
      { address: "172.16.5.1", prefixLen: 24, family: 4, primary: true, scope: "global" },
    ],
  },
];
const linRoutes = [
  r("0.0.0.0/0", "192.168.1.1", "eth0", 100),
  r("192.168.1.0/24", null, "eth0", 100, { prefsrc: "192.168.1.10" }),
  r("192.168.1.0/24", null, "eth1", 101, { prefsrc: "192.168.1.11" }),
  r("172.16.5.0/24", null, "eth1", 0),
  r("192.168.1.10/32", null, "eth0", 0, { table: "local", type: "local", prefsrc: "192.168.1.10" }),
  r("10.9.0.0/16", null, null, 0, { type: "blackhole" }),
  r("10.1.0.0/16", "192.168.1.254", "eth1", 0, { table: "100" }),
];

describe("Linux story and policy routing", () => {
  it("weak host: a flow from eth1's address still leaves eth0 by the main table", () => {
    const idx = buildIndex("linux", linCards, linRoutes);
    expect(lookup(idx, { destination: "10.1.1.20", source: "192.168.1.11" })).toMatchObject({
      interface: "eth0",
      gateway: "192.168.1.1",
      source: "192.168.1.11",
      table: "main",
      rule: 32766,
    });
  });

  it("a source rule sends eth1's address to table 100", () => {
    const rules: PolicyRule[] = [
      { family: 4, priority: 0, action: "lookup", table: "local" },
      { family: 4, priority: 100, from: "192.168.1.11/32", action: "lookup", table: "100" },
      { family: 4, priority: 32766, action: "lookup", table: "main" },
    ];
    const idx = buildIndex("linux", linCards, linRoutes, rules);
    expect(lookup(idx, { destination: "10.1.1.20", source: "192.168.1.11" })).toMatchObject({
      interface: "eth1",
      gateway: "192.168.1.254",
      table: "100",
      rule: 100,
    });
    expect(lookup(idx, { destination: "10.1.1.20" }).interface).toBe("eth0");
  });

  it("preferred source, subnet-fitting source, local table first, blackhole", () => {
    const idx = buildIndex("linux", linCards, linRoutes);
    expect(lookup(idx, { destination: "192.168.1.77" }).source).toBe("192.168.1.10");
    expect(lookup(idx, { destination: "172.16.5.9" }).source).toBe("172.16.5.1");
    expect(lookup(idx, { destination: "192.168.1.10" })).toMatchObject({
      type: "local",
      interface: "lo",
      table: "local",
    });
    expect(lookup(idx, { destination: "10.9.1.1" })).toMatchObject({ type: "blackhole", interface: null });
  });

  it("rule actions, fwmark, not, suppress_prefixlength and goto", () => {
    const base: PolicyRule[] = [
      { family: 4, priority: 0, action: "lookup", table: "local" },
      { family: 4, priority: 32766, action: "lookup", table: "main" },
    ];
    const withRules = (extra: PolicyRule[]) => buildIndex("linux", linCards, linRoutes, [...base, ...extra]);
    expect(
      lookup(withRules([{ family: 4, priority: 5, to: "10.0.0.0/8", action: "prohibit" }]), {
        destination: "10.1.1.1",
      }).type,
    ).toBe("prohibit");
    const marked = withRules([
      { family: 4, priority: 5, fwmark: 1, fwmask: 0xff, action: "lookup", table: "100" },
    ]);
    expect(lookup(marked, { destination: "10.1.1.1", fwmark: 0x101 }).table).toBe("100");
    expect(lookup(marked, { destination: "10.1.1.1" }).table).toBe("main");
    const not = withRules([
      { family: 4, priority: 5, not: true, from: "192.168.1.10/32", action: "unreachable" },
    ]);
    expect(lookup(not, { destination: "10.1.1.1", source: "192.168.1.10" }).type).toBe("unicast");
    expect(lookup(not, { destination: "10.1.1.1", source: "192.168.1.11" }).type).toBe("unreachable");
    const suppress = withRules([
      { family: 4, priority: 5, action: "lookup", table: "main", suppressPrefixlength: 0 },
    ]);
    expect(lookup(suppress, { destination: "8.8.8.8" }).rule).toBe(32766);
    expect(lookup(suppress, { destination: "192.168.1.9" }).rule).toBe(5);
    const jump = withRules([
      { family: 4, priority: 5, action: "goto", goto: 7 },
      { family: 4, priority: 6, action: "blackhole" },
      { family: 4, priority: 7, action: "nop" },
    ]);
    expect(lookup(jump, { destination: "10.1.1.1" }).type).toBe("unicast");
  });

  it("multipath routes are reported as such", () => {
    const mp = r("10.2.0.0/16", "192.168.1.1", "eth0", 0, {
      nexthops: [
        { gateway: "192.168.1.1", interface: "eth0", weight: 1 },
        { gateway: "192.168.1.254", interface: "eth1", weight: 1 },
      ],
    });
    const res = lookup(buildIndex("linux", linCards, [...linRoutes, mp]), { destination: "10.2.3.4" });
    expect(res.multipath).toHaveLength(2);
  });

  it("IPv6 and bad input", () => {
    const idx = buildIndex("linux", linCards, [
      r("2001:db8::/32", "fe80::1", "eth1", 1024),
      r("::/0", "fe80::2", "eth0", 1024),
    ]);
    expect(lookup(idx, { destination: "2001:db8:5::1" }).interface).toBe("eth1");
    expect(lookup(idx, { destination: "2a00::1" }).interface).toBe("eth0");
    expect(lookup(idx, { destination: "not-an-ip" }).type).toBe("no-route");
  });
});
