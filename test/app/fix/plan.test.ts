import { describe, expect, it } from "vitest";
import { answeredPolicy, buildPlan, reanalyze } from "../../../src/app/fix/plan.js";
import {
  suggestCards,
  suggestGateways,
  suggestProof,
  suggestRanges,
  TYPE_GATEWAY,
} from "../../../src/app/fix/suggest.js";
import { LINUX_EXTRAS_ARGV } from "../../../src/system/linux/linux-commands.js";
import { demoNeighbours } from "../../../src/system/simulated/demo-neighbours.js";
import { analysisOf, demoAnalysis, linuxRoutes, linuxSnapshot, route } from "./support.js";

const RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

describe("suggestions on the demo server", () => {
  it("suggests int (no default gateway), 192.168.1.254 from its ARP table, the private ranges and the stuck SYN's far end", async () => {
    const a = await demoAnalysis();
    expect(suggestCards(a).map((c) => c.value)).toEqual(["int", "ext"]);
    expect(suggestCards(a)[0]?.note).toMatch(/suggested: no default gateway/);
    const gws = suggestGateways(a, "int", demoNeighbours().neighbours);
    // The RDP client 192.168.1.50 is in the same table but is a peer of this host: offered later.
    expect(gws.map((g) => g.value)).toEqual(["192.168.1.254", "192.168.1.50", TYPE_GATEWAY]);
    expect(gws.some((g) => g.value === "192.168.1.1")).toBe(false);
    expect(suggestRanges(a, "int")).toBe(RANGES.join(", "));
    expect(suggestProof(a, RANGES)).toMatch(/^10\.1\.1\.2[01]:5061$/);
  });
});

describe("the plan on the demo server", () => {
  it("pins the three ranges to int via 192.168.1.254 and tells how to stop int's DNS registration", async () => {
    const a = await demoAnalysis();
    const intent = { card: "int", gateway: "192.168.1.254", ranges: RANGES };
    const plan = buildPlan(reanalyze(a, answeredPolicy(a, intent)), intent);
    expect(plan.filter((s) => s.kind === "route").map((s) => s.change)).toEqual(
      RANGES.map((destination) => ({
        action: "add",
        destination,
        gateway: "192.168.1.254",
        interface: "int",
        persistent: true,
      })),
    );
    expect(plan[0]?.why).toMatch(
      /10\.0\.0\.0\/8 leaves ext via 192\.168\.1\.1.*gateway alone does not choose the card/,
    );
    const dns = plan.find((s) => s.id === "dns");
    expect(dns?.kind).toBe("manual");
    expect(dns?.manual?.[0]).toBe(
      "PowerShell (elevated): Set-DnsClient -InterfaceIndex 65540 -RegisterThisConnectionsAddress $false",
    );
    expect(plan.some((s) => s.kind === "commands")).toBe(false);
  });
});

describe("the plan on a Linux server", () => {
  it("removes a second default gateway and an unpinned route after pinning, and offers the extras switched off", () => {
    const routes = [
      ...linuxRoutes(),
      route("0.0.0.0/0", "192.168.1.254", "eth1", 100),
      route("172.16.0.0/12", "192.168.1.254", "eth0"),
    ];
    const a = analysisOf(linuxSnapshot(routes));
    const intent = { card: "eth1", gateway: "192.168.1.254", ranges: RANGES };
    const plan = buildPlan(reanalyze(a, answeredPolicy(a, intent)), intent, LINUX_EXTRAS_ARGV);
    const changes = plan
      .filter((s) => s.kind === "route")
      .map((s) => `${s.change?.action} ${s.change?.destination} ${s.change?.gateway} ${s.change?.interface}`);
    expect(changes).toContain("add 10.0.0.0/8 192.168.1.254 eth1");
    expect(changes).toContain("delete 172.16.0.0/12 192.168.1.254 eth0");
    expect(changes).toContain("add 172.16.0.0/12 192.168.1.254 eth1");
    expect(changes).toContain("delete 0.0.0.0/0 192.168.1.254 eth1");
    // Pinned routes come before the default gateway they replace goes.
    expect(changes.indexOf("add 10.0.0.0/8 192.168.1.254 eth1")).toBeLessThan(
      changes.indexOf("delete 0.0.0.0/0 192.168.1.254 eth1"),
    );
    expect(new Set(changes).size).toBe(changes.length);
    const extras = plan.filter((s) => s.kind === "commands");
    expect(extras.map((s) => s.id)).toEqual(["source-rule", "arp", "rp-filter"]);
    expect(extras.every((s) => s.optional && !s.enabled)).toBe(true);
    expect(plan.some((s) => s.id === "dns")).toBe(false);
  });

  it("the extras' commands and their reverts", () => {
    const a = analysisOf(linuxSnapshot());
    const intent = { card: "eth1", gateway: "192.168.1.254", ranges: ["10.0.0.0/8"] };
    const plan = buildPlan(reanalyze(a, answeredPolicy(a, intent)), intent, LINUX_EXTRAS_ARGV);
    const by = (id: string) => plan.find((s) => s.id === id)?.commands ?? [];
    expect(by("source-rule").map((c) => c.argv.join(" "))).toEqual([
      "ip route add 192.168.1.0/24 dev eth1 src 192.168.1.11 table 103",
      "ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1 table 103",
      "ip rule add from 192.168.1.11 table 103 priority 1003",
    ]);
    expect(by("source-rule")[2]?.revert.join(" ")).toBe(
      "ip rule del from 192.168.1.11 table 103 priority 1003",
    );
    expect(by("arp").map((c) => [c.argv.join(" "), c.revert.join(" ")])).toEqual([
      ["sysctl -w net.ipv4.conf.all.arp_ignore=1", "sysctl -w net.ipv4.conf.all.arp_ignore=0"],
      ["sysctl -w net.ipv4.conf.all.arp_announce=2", "sysctl -w net.ipv4.conf.all.arp_announce=0"],
    ]);
    expect(by("rp-filter").map((c) => c.argv.join(" "))).toEqual([
      "sysctl -w net.ipv4.conf.eth0.rp_filter=2",
      "sysctl -w net.ipv4.conf.eth1.rp_filter=2",
    ]);
    const table = plan.find((s) => s.id === "source-rule");
    expect(table?.persistSnippet).toContain("routing-policy:");
  });

  it("nothing to add when the pinned routes are there; no ARP step when ARP is already safe", () => {
    const snap = linuxSnapshot([...linuxRoutes(), route("10.0.0.0/8", "192.168.1.254", "eth1")]);
    if (snap.sysctls.ok)
      snap.sysctls.value.all = { arp_ignore: 1, arp_announce: 2, rp_filter: 0, arp_filter: 0 };
    if (snap.sysctls.ok)
      for (const c of ["eth0", "eth1"])
        snap.sysctls.value[c] = { arp_ignore: 1, arp_announce: 2, rp_filter: 2 };
    const a = analysisOf(snap);
    const intent = { card: "eth1", gateway: "192.168.1.254", ranges: ["10.0.0.0/8"] };
    const plan = buildPlan(reanalyze(a, answeredPolicy(a, intent)), intent, LINUX_EXTRAS_ARGV);
    expect(plan.filter((s) => s.kind === "route")).toEqual([]);
    expect(plan.map((s) => s.id)).toEqual(["source-rule"]);
  });

  it("the answered policy keeps the internet on the default route's card", () => {
    const a = analysisOf(linuxSnapshot());
    expect(answeredPolicy(a, { card: "eth1", gateway: "192.168.1.254", ranges: ["10.0.0.0/8"] })).toEqual({
      rules: [
        { name: "internal", destinations: ["10.0.0.0/8"], interface: "eth1", gateway: "192.168.1.254" },
        { name: "external", destinations: ["0.0.0.0/0"], interface: "eth0", gateway: "192.168.1.1" },
      ],
    });
  });
});
