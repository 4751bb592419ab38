// The story (docs/ARCHITECTURE.md) end to end through analyze(): the story on Linux (weak host),
// with policy routing rules, ARP flux and rp_filter.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import type { Analysis } from "../../src/core/model.js";
import {
  conn,
  internalPolicy,
  linuxCards,
  linuxRoutes,
  route,
  snapshot,
  storyConnections,
} from "./support/story.js";
import { byLocal } from "./support/story-find.js";

const ids = (a: Analysis) => a.findings.map((f) => f.id);

describe("Linux story (weak host)", () => {
  const policy = internalPolicy("eth1");
  const snap = (routes = linuxRoutes(), extra = {}) =>
    snapshot("linux", linuxCards(), routes, storyConnections("linux"), extra);

  it("a rule for tcp dport 5061 sends the SIP SYN out of eth1 (ok); other ports and UDP to 5061 stay on eth0", () => {
    const ok = <T>(value: T) => ({ ok: true as const, value, warnings: [] });
    const rules = ok([
      { family: 4 as const, priority: 0, action: "lookup" as const, table: "local" },
      {
        family: 4 as const,
        priority: 1500,
        action: "lookup" as const,
        table: "150",
        ipproto: 6,
        dport: [5061, 5061] as [number, number],
      },
      { family: 4 as const, priority: 32766, action: "lookup" as const, table: "main" },
    ]);
    const routes = [...linuxRoutes(), route("10.0.0.0/8", "192.168.1.254", "eth1", 0, { table: "150" })];
    const conns = [
      ...storyConnections("linux"),
      conn("192.168.1.10:50300", "10.1.1.20:5061", "CONNECTED", { protocol: "udp" }),
      conn("192.168.1.10:50301", "10.1.1.21:443", "SYN_SENT"),
    ];
    const a = analyze(snapshot("linux", linuxCards(), routes, conns, { rules }), { policy });
    expect(byLocal(a, "192.168.1.10:50123", "10.1.1.20:5061")).toMatchObject({
      verdict: "ok",
      egress: { interface: "eth1", gateway: "192.168.1.254" },
    });
    expect(byLocal(a, "192.168.1.10:50300", "10.1.1.20:5061").egress.interface).toBe("eth0");
    expect(byLocal(a, "192.168.1.10:50301", "10.1.1.21:443")).toMatchObject({
      verdict: "wrong-nic",
      egress: { interface: "eth0" },
    });
  });

  it("a rule before main decides for new connections (to 10.0.0.0/8 → table 100): the pinned route goes into table 100", () => {
    const ok = <T>(value: T) => ({ ok: true as const, value, warnings: [] });
    const withRule = (rule: { from?: string; to?: string }) =>
      ok([
        { family: 4 as const, priority: 0, action: "lookup" as const, table: "local" },
        { family: 4 as const, priority: 100, ...rule, action: "lookup" as const, table: "100" },
        { family: 4 as const, priority: 32766, action: "lookup" as const, table: "main" },
      ]);
    const routes = [...linuxRoutes(), route("0.0.0.0/0", "192.168.1.1", "eth0", 0, { table: "100" })];
    const findingOf = (rules: ReturnType<typeof withRule>) =>
      analyze(snapshot("linux", linuxCards(), routes, storyConnections("linux"), { rules }), {
        policy,
      }).findings.find((x) => x.id === "wrong-nic-route" && x.subject === "10.0.0.0/8");
    const to = findingOf(withRule({ to: "10.0.0.0/8" }));
    expect(to?.message).toMatch(
      /ip rule 100 sends new connections to table 100, read before main: the fix goes there/,
    );
    expect(to?.fix).toEqual([
      {
        action: "add",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "eth1",
        persistent: true,
        table: "100",
      },
    ]);
    // A rule on the source address of existing flows does not: retries pick their source from main.
    const from = findingOf(withRule({ from: "192.168.1.10/32" }));
    expect(from?.message).not.toMatch(/read before main/);
    expect(from?.fix?.map((c) => c.action)).toEqual(["add"]);
  });

  it("in a big table (the planner reads only the prefix through the index) the wrong route of table 100 is deleted first", () => {
    const ok = <T>(value: T) => ({ ok: true as const, value, warnings: [] });
    const rules = ok([
      { family: 4 as const, priority: 0, action: "lookup" as const, table: "local" },
      { family: 4 as const, priority: 100, to: "10.0.0.0/8", action: "lookup" as const, table: "100" },
      { family: 4 as const, priority: 32766, action: "lookup" as const, table: "main" },
    ]);
    const filler = Array.from({ length: 5000 }, (_, i) =>
      route(`172.${16 + (i >> 8)}.${i & 255}.0/24`, "192.168.1.1", "eth0", 0),
    );
    const routes = [
      ...linuxRoutes(),
      ...filler,
      route("10.0.0.0/8", "192.168.1.1", "eth0", 0, { table: "100" }),
    ];
    const a = analyze(snapshot("linux", linuxCards(), routes, storyConnections("linux"), { rules }), {
      policy,
    });
    const f = a.findings.find((x) => x.id === "wrong-nic-route" && x.subject === "10.0.0.0/8");
    expect(f?.fix?.map((c) => `${c.action} ${c.destination} ${c.gateway} ${c.interface} ${c.table}`)).toEqual(
      ["delete 10.0.0.0/8 192.168.1.1 eth0 100", "add 10.0.0.0/8 192.168.1.254 eth1 100"],
    );
  });

  it("the SYN from eth0's address follows the default route out of eth0: wrong NIC", () => {
    const a = analyze(snap(), { policy });
    const c = byLocal(a, "192.168.1.10:50123", "10.1.1.20:5061");
    expect(c).toMatchObject({ verdict: "wrong-nic", egress: { interface: "eth0", gateway: "192.168.1.1" } });
    expect(c.why).toBe(
      "leaves eth0 via 192.168.1.1; policy rule 'internal' for 10.0.0.0/8 wants eth1 via 192.168.1.254",
    );
    expect(byLocal(a, "192.168.1.11:22", "192.168.1.50:51000").verdict).toBe("ok");
    expect(byLocal(a, "192.168.1.10:50200", "203.0.113.9:443").verdict).toBe("ok");
    const f = a.findings.find((x) => x.id === "wrong-nic-route" && x.subject === "10.0.0.0/8");
    expect(f?.fix).toEqual([
      {
        action: "add",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "eth1",
        persistent: true,
      },
    ]);
  });

  it("after the route, the same flow leaves eth1 (weak host) but its source is eth0's address", () => {
    const routes = [...linuxRoutes(), route("10.0.0.0/8", "192.168.1.254", "eth1", 0, { protocol: "boot" })];
    const a = analyze(snap(routes), { policy });
    const c = byLocal(a, "192.168.1.10:50123", "10.1.1.20:5061");
    expect(c).toMatchObject({ verdict: "ok", egress: { interface: "eth1", gateway: "192.168.1.254" } });
    expect(ids(a)).toContain("source-on-other-nic");
    expect(ids(a)).toContain("not-persistent");
    expect(a.findings.filter((f) => f.id === "wrong-nic-route").map((f) => f.subject)).not.toContain(
      "10.0.0.0/8",
    );
  });

  it("ARP flux and strict rp_filter on the shared subnet", () => {
    const sysctls = {
      ok: true as const,
      value: { all: { arp_ignore: 0, rp_filter: 0 }, eth1: { rp_filter: 1 } },
      warnings: [],
    };
    const a = analyze(snap(linuxRoutes(), { sysctls }), { policy });
    expect(a.findings.find((f) => f.id === "same-subnet-nics")?.message).toMatch(
      /eth0 and eth1 share 192\.168\.1\.0\/24/,
    );
    expect(a.findings.filter((f) => f.id === "rp-filter-strict").map((f) => f.subject)).toEqual(["eth1"]);
    const fixed = {
      ok: true as const,
      value: { all: { arp_ignore: 1, arp_announce: 2, rp_filter: 2 } },
      warnings: [],
    };
    const b = analyze(snap(linuxRoutes(), { sysctls: fixed }), { policy });
    expect(ids(b)).not.toContain("same-subnet-nics");
    expect(ids(b)).not.toContain("rp-filter-strict");
  });
});
