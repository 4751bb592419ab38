// What export counts from an analysis: flows by verdict and card without listeners,
// findings by id and severity, stuck SYNs, routes, sockets and default gateways.
import { describe, expect, it } from "vitest";
import { countAnalysis } from "../../../src/app/export/analysis-counts.js";
import { analyze } from "../../../src/core/analyze.js";
import {
  card,
  conn,
  internalPolicy,
  linuxCards,
  linuxRoutes,
  route,
  snapshot,
  storyConnections,
} from "../../core/support/story.js";

const byKey = <T extends { count: number }>(rows: T[] | null, key: (r: T) => string) =>
  Object.fromEntries((rows ?? []).map((r) => [key(r), r.count]));

describe("countAnalysis", () => {
  const story = () => snapshot("linux", linuxCards(), linuxRoutes(), storyConnections("linux"));

  it("counts the story's flows by verdict and card, leaving the listener out", () => {
    const a = analyze(story(), { policy: internalPolicy("eth1") });
    const c = countAnalysis(a);
    expect(byKey(c.flows, (f) => `${f.verdict} ${f.card}`)).toEqual({
      "wrong-nic eth0": 1,
      "ok eth0": 2,
    });
    expect(c.sockets).toBe(4);
    expect(c.stuckSyn).toBe(1);
    expect(c.routes).toEqual({ ipv4: 5, ipv6: 0 });
    expect(c.defaultGateways).toEqual({ ipv4: 1, ipv6: 0 });
    // One per policy prefix the table sends by the wrong card: 10/8, 172.16/12, 192.168/16.
    expect(byKey(c.findings, (f) => `${f.id} ${f.severity}`)).toMatchObject({ "wrong-nic-route error": 3 });
    expect(c.findings.reduce((n, f) => n + f.count, 0)).toBe(a.findings.length);
  });

  it("a flow that leaves by no card is counted under card none", () => {
    const snap = story();
    snap.routes = {
      ok: true,
      value: linuxRoutes().filter((r) => r.destination !== "0.0.0.0/0"),
      warnings: [],
    };
    const c = countAnalysis(analyze(snap, { policy: internalPolicy("eth1") }));
    expect(byKey(c.flows, (f) => `${f.verdict} ${f.card}`)).toMatchObject({ "no-route none": 2 });
  });

  it("two default gateways on two cards count 2 (the finding's view); the same one twice counts once", () => {
    const routes = [
      ...linuxRoutes(),
      route("0.0.0.0/0", "192.168.1.254", "eth1", 200),
      route("0.0.0.0/0", "192.168.1.1", "eth0", 300),
      route("0.0.0.0/0", "192.168.1.9", "eth0", 0, { table: "100" }),
      route("::/0", "fe80::1", "eth0", 1024),
    ];
    const a = analyze(snapshot("linux", linuxCards(), routes, []));
    const c = countAnalysis(a);
    expect(c.defaultGateways).toEqual({ ipv4: 2, ipv6: 1 });
    expect(c.routes).toEqual({ ipv4: 8, ipv6: 1 });
    expect(a.findings.some((f) => f.id === "multiple-default-gateways")).toBe(true);
    expect(byKey(c.findings, (f) => `${f.id} ${f.severity}`)["multiple-default-gateways warning"]).toBe(1);
  });

  it("each next hop of a multipath default counts; a card that is down does not", () => {
    const cards = [...linuxCards(), card("eth2", 4, "192.168.2.10", { up: false })];
    const routes = [
      route("0.0.0.0/0", "192.168.1.1", "eth0", 0, {
        nexthops: [
          { gateway: "192.168.1.1", interface: "eth0" },
          { gateway: "192.168.1.254", interface: "eth1" },
        ],
      }),
      route("0.0.0.0/0", "192.168.2.1", "eth2", 10),
    ];
    expect(countAnalysis(analyze(snapshot("linux", cards, routes, []))).defaultGateways).toEqual({
      ipv4: 2,
      ipv6: 0,
    });
  });

  it("a part without a value gives no count, not a zero", () => {
    const snap = story();
    snap.connections = { ok: false, error: "ss: not found", warnings: [] };
    snap.routes = { ok: false, error: "ip: not found", warnings: [] };
    const c = countAnalysis(analyze(snap));
    expect(c).toMatchObject({
      flows: null,
      sockets: null,
      stuckSyn: null,
      routes: null,
      defaultGateways: null,
    });
  });

  it("UDP without a far end and a LISTEN socket are no flows; a UDP flow is", () => {
    const conns = [
      conn("0.0.0.0:53", "0.0.0.0:0", "UNCONN", { protocol: "udp" }),
      conn("192.168.1.10:22", "0.0.0.0:0", "LISTEN"),
      conn("192.168.1.10:40000", "203.0.113.5:53", "CONNECTED", { protocol: "udp" }),
    ];
    const c = countAnalysis(analyze(snapshot("linux", linuxCards(), linuxRoutes(), conns)));
    expect(c.flows).toEqual([{ verdict: "ok", card: "eth0", count: 1 }]);
    expect(c.sockets).toBe(3);
  });
});
