import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import type { Finding, Snapshot } from "../../src/core/model.js";
import {
  conn,
  internalPolicy,
  linuxCards,
  linuxRoutes,
  route,
  snapshot,
  storyConnections,
  winCards,
  winRoutes,
} from "./support/story.js";

const find = (fs: Finding[], id: string) => fs.filter((f) => f.id === id);
const winPolicy = internalPolicy("int");
const pinned = route("10.0.0.0/8", "192.168.1.254", "int", 36, { persistent: true });

describe("stuck-syn", () => {
  const snap = snapshot("windows", winCards(), winRoutes(), storyConnections("windows"));
  const key = "tcp 192.168.1.10:50123>10.1.1.20:5061";
  it("a SYN_SENT seen more than 5 s ago is stuck, with its path", () => {
    const a = analyze(snap, { policy: winPolicy, now: 13_000, firstSeen: new Map([[key, 1_000]]) });
    expect(find(a.findings, "stuck-syn")).toEqual([
      {
        id: "stuck-syn",
        severity: "warning",
        basis: "evidence",
        message:
          "192.168.1.10:50123 → 10.1.1.20:5061 in SYN_SENT for 12 s: nobody answers; it leaves ext via 192.168.1.1 but policy wants int via 192.168.1.254",
        subject: key,
        fix: [],
      },
    ]);
  });
  it.each([
    ["5 s exactly", { now: 6_000, firstSeen: new Map([[key, 1_000]]) }],
    ["no clock", { firstSeen: new Map([[key, 1_000]]) }],
    ["never seen before", { now: 60_000, firstSeen: new Map<string, number>() }],
  ])("not stuck: %s", (_n, opts) => {
    expect(find(analyze(snap, { policy: winPolicy, ...opts }).findings, "stuck-syn")).toEqual([]);
  });
});

describe("not-persistent", () => {
  it("a live-only policy route is flagged with the persistent form of the same route, not a delete and re-add; a stored one or a kernel route is not", () => {
    const routes = [
      ...linuxRoutes(),
      route("10.0.0.0/8", "192.168.1.254", "eth1", 0, { protocol: "static" }),
    ];
    const a = analyze(snapshot("linux", linuxCards(), routes, []), { policy: internalPolicy("eth1") });
    const f = find(a.findings, "not-persistent");
    expect(f.map((x) => x.subject)).toEqual(["10.0.0.0/8"]);
    // Nothing that touches the live route: the proposal is to store this same route.
    expect(f[0]?.fix).toEqual([]);
    expect(f[0]?.message).toContain(
      "to keep it, save the same route in eth1's network configuration (the live route stays as it is): " +
        "NetworkManager nmcli connection modify CONN +ipv4.routes '10.0.0.0/8 192.168.1.254' " +
        "(CONN from nmcli -g GENERAL.CONNECTION device show eth1)",
    );
    const stored = routes.map((r) => (r.destination === "10.0.0.0/8" ? { ...r, persistent: true } : r));
    const b = analyze(snapshot("linux", linuxCards(), stored, []), { policy: internalPolicy("eth1") });
    expect(find(b.findings, "not-persistent")).toEqual([]);
  });
  it("Windows: the persistent form is New-NetRoute into the persistent store, the card's alias quoted", () => {
    const cards = winCards().map((c) => (c.name === "int" ? { ...c, name: "Ethernet 2" } : c));
    const routes = [
      ...winRoutes().map((r) => (r.interface === "int" ? { ...r, interface: "Ethernet 2" } : r)),
      route("10.0.0.0/8", "192.168.1.254", "Ethernet 2", 36),
    ];
    const a = analyze(snapshot("windows", cards, routes, []), { policy: internalPolicy("Ethernet 2") });
    const f = find(a.findings, "not-persistent");
    expect(f[0]?.fix).toEqual([]);
    expect(f[0]?.message).toContain(
      "store it for the next boot (the live route stays as it is): New-NetRoute -DestinationPrefix 10.0.0.0/8 " +
        "-InterfaceAlias 'Ethernet 2' -NextHop 192.168.1.254 -PolicyStore PersistentStore",
    );
  });
  it("a route on another card than the policy's is not a policy route", () => {
    const routes = [...linuxRoutes(), route("10.0.0.0/8", "192.168.1.1", "eth0", 0)];
    const a = analyze(snapshot("linux", linuxCards(), routes, []), { policy: internalPolicy("eth1") });
    expect(find(a.findings, "not-persistent")).toEqual([]);
  });
});

describe("unstable-ifindex", () => {
  const snap = (collector: string, os: "windows" | "linux" = "windows"): Snapshot => ({
    ...snapshot(os, winCards(), [...winRoutes(), pinned], []),
    collector,
  });
  it("Windows with route.exe: a persistent route pinned by index", () => {
    const f = find(analyze(snap("route-print"), { policy: winPolicy }).findings, "unstable-ifindex");
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(
      /index 65540 \(0x10004\) of int.*New-NetRoute -InterfaceAlias int -PolicyStore PersistentStore/,
    );
    expect(find(analyze(snap("classic"), { policy: winPolicy }).findings, "unstable-ifindex")).toHaveLength(
      1,
    );
  });
  it("the alias in the hint is a PowerShell literal, whatever the card is called", () => {
    // A double-quoted PowerShell string expands $(…): the name is single-quoted instead.
    const evil = `Ethernet $(Invoke-Expression 'calc') "x"`;
    const rename = (name: string) => (name === "int" ? evil : name);
    const s = snap("route-print");
    const hostile: Snapshot = {
      ...s,
      interfaces: s.interfaces.ok
        ? { ...s.interfaces, value: s.interfaces.value.map((i) => ({ ...i, name: rename(i.name) })) }
        : s.interfaces,
      routes: s.routes.ok
        ? {
            ...s.routes,
            value: s.routes.value.map((r) => ({ ...r, interface: r.interface && rename(r.interface) })),
          }
        : s.routes,
    };
    const f = find(analyze(hostile).findings, "unstable-ifindex");
    expect(f[0]?.message).toContain(
      `New-NetRoute -InterfaceAlias 'Ethernet $(Invoke-Expression ''calc'') "x"' -PolicyStore PersistentStore`,
    );
  });
  it("not with the PowerShell collector, nor on Linux", () => {
    expect(find(analyze(snap("powershell")).findings, "unstable-ifindex")).toEqual([]);
    expect(find(analyze(snap("route-print", "linux")).findings, "unstable-ifindex")).toEqual([]);
  });
});

describe("wrong-nic-route", () => {
  it("flows bound to ext while the table is right: no route change, the message says why", () => {
    const routes = [...winRoutes(), pinned];
    const policy = {
      rules: [{ name: "internal", destinations: ["10.0.0.0/8"], interface: "int", gateway: "192.168.1.254" }],
    };
    const a = analyze(snapshot("windows", winCards(), routes, storyConnections("windows")), { policy });
    const f = find(a.findings, "wrong-nic-route");
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(
      /^1 flow to 10\.0\.0\.0\/8 leaves ext via 192\.168\.1\.1 although new connections leave by int via 192\.168\.1\.254/,
    );
    expect(f[0]?.fix).toEqual([]);
  });
  it("a more specific route on the wrong card is deleted before the pinned add", () => {
    const routes = [...winRoutes(), route("10.1.0.0/16", "192.168.1.1", "ext", 30)];
    const a = analyze(snapshot("windows", winCards(), routes, storyConnections("windows")), {
      policy: winPolicy,
    });
    const f = a.findings.find((x) => x.id === "wrong-nic-route" && x.subject === "10.0.0.0/8");
    expect(f?.fix.map((c) => `${c.action} ${c.destination} ${c.interface}`)).toEqual([
      "delete 10.1.0.0/16 ext",
      "add 10.0.0.0/8 int",
    ]);
  });
  it("no route at all to a policy prefix", () => {
    const a = analyze(snapshot("windows", winCards(), winRoutes().slice(1), []), { policy: winPolicy });
    expect(a.findings.find((x) => x.subject === "10.0.0.0/8")?.message).toMatch(
      /^10\.0\.0\.0\/8 has no usable route \(no-route\)/,
    );
  });
});

describe("source-on-other-nic", () => {
  it("Linux only", () => {
    const connections = [conn("192.168.1.11:40000", "10.1.1.20:5061", "ESTABLISHED")];
    const l = analyze(snapshot("linux", linuxCards(), linuxRoutes(), connections));
    expect(find(l.findings, "source-on-other-nic")[0]?.message).toMatch(
      /^1 flow from 192\.168\.1\.11 \(eth1's address\) leaves by eth0/,
    );
    const w = analyze(
      snapshot(
        "windows",
        winCards(),
        [...winRoutes(), route("0.0.0.0/0", "192.168.1.254", "int", 40)],
        connections,
      ),
    );
    expect(find(w.findings, "source-on-other-nic")).toEqual([]);
  });
});

describe("ordering", () => {
  it("errors, then warnings, then infos", () => {
    const routes = [...winRoutes(), route("0.0.0.0/0", "192.168.1.254", "int", 35)];
    const a = analyze(snapshot("windows", winCards(), routes, storyConnections("windows")), {
      policy: winPolicy,
    });
    const rank = { error: 0, warning: 1, info: 2 };
    const ranks = a.findings.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort());
    expect(new Set(a.findings.map((f) => f.severity))).toEqual(new Set(["error", "warning", "info"]));
  });
});
