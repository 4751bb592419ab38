// lookup() on a Linux server: weak host, ip rules (source, fwmark, not,
// suppress_prefixlength, goto), preferred sources, multipath and IPv6.
import { describe, expect, it } from "vitest";
import { buildIndex, lookup } from "../../src/core/lookup.js";
import type { NetInterface, PolicyRule } from "../../src/core/model.js";
import { r } from "./support/lookup-route.js";

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
