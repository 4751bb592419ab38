// What the incremental analyzer skips, seen from outside: classifications handed
// out again (same objects) while nothing they depend on changed, and redone when
// a covering route, the policy or the cards changed; always equal to analyze().
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { createIncrementalAnalyzer } from "../../src/core/incremental-analyze.js";
import type { Connection, Part, Route, Snapshot } from "../../src/core/model.js";
import { card, conn, route } from "./support/story.js";

const ok = <T>(value: T): Part<T> => ({ ok: true, value, warnings: [] });
const cards = [card("eth0", 2, "192.168.1.10"), card("eth1", 3, "192.168.1.11")];

function snap(routes: Route[], connections: Connection[], interfaces = cards): Snapshot {
  return {
    platform: "linux",
    os: "linux",
    host: "h",
    collector: "test",
    takenAt: 0,
    interfaces: ok(interfaces),
    routes: ok(routes),
    rules: ok([]),
    connections: ok(connections),
    sysctls: ok({}),
  };
}

const baseRoutes = (): Route[] => [
  route("0.0.0.0/0", "192.168.1.1", "eth0", 100),
  route("192.168.1.0/24", null, "eth0", 0),
  route("192.168.1.0/24", null, "eth1", 0),
  route("10.0.0.0/8", "192.168.1.254", "eth1", 10),
];

const toInternal = conn("192.168.1.11:40000", "10.1.1.5:5061", "ESTABLISHED");
const toPublic = conn("192.168.1.10:443", "203.0.113.7:50000", "ESTABLISHED");
const toPrivate172 = conn("192.168.1.10:40001", "172.16.5.5:5061", "SYN_SENT");

describe("createIncrementalAnalyzer", () => {
  it("hands out the same classified flows while the snapshot's parts are the same", () => {
    const a = createIncrementalAnalyzer();
    const routes = baseRoutes();
    const flows = [toInternal, toPublic];
    const first = a(snap(routes, flows));
    const second = a(snap(routes, flows));
    expect(second.connections[0]).toBe(first.connections[0]);
    expect(second.connections[1]).toBe(first.connections[1]);
    expect(second).toEqual(analyze(snap(routes, flows)));
  });

  it("a new row object for the same flow (names arrived) keeps the verdict and carries the new names", () => {
    const a = createIncrementalAnalyzer();
    const routes = baseRoutes();
    const first = a(snap(routes, [toPublic]));
    const named = { ...toPublic, pid: 42, process: "nginx" };
    const second = a(snap(routes, [named]));
    expect(second.connections[0]).not.toBe(first.connections[0]);
    expect(second.connections[0]).toMatchObject({ pid: 42, process: "nginx", verdict: "ok" });
    expect(second).toEqual(analyze(snap(routes, [named])));
  });

  it("a route change re-classifies only the flows its prefix covers", () => {
    const a = createIncrementalAnalyzer();
    const routes = baseRoutes();
    const flows = [toInternal, toPublic];
    const first = a(snap(routes, flows));
    // 203.0.113.0/24 pinned to eth1: only the public flow can move.
    const changed = [...routes, route("203.0.113.0/24", "192.168.1.254", "eth1", 0)];
    const second = a(snap(changed, flows));
    expect(second.connections[0]).toBe(first.connections[0]);
    expect(second.connections[1]).not.toBe(first.connections[1]);
    expect(second.connections[1]?.egress).toEqual({ interface: "eth1", gateway: "192.168.1.254" });
    expect(second).toEqual(analyze(snap(changed, flows)));
    // And back: the route removed again.
    const third = a(snap(routes, flows));
    expect(third.connections[1]?.egress).toEqual({ interface: "eth0", gateway: "192.168.1.1" });
    expect(third).toEqual(analyze(snap(routes, flows)));
  });

  it("a route that changes the inferred internal gateway re-judges flows it does not cover", () => {
    const a = createIncrementalAnalyzer();
    const routes = baseRoutes();
    const flows = [toInternal, toPrivate172];
    const first = a(snap(routes, flows));
    expect(first.connections[1]?.expected?.gateway).toBe("192.168.1.254");
    // Two routes via .2 make .2 the internal gateway; 172.16/12 is covered by neither.
    const changed = [
      ...routes,
      route("10.20.0.0/16", "192.168.1.2", "eth1", 0),
      route("10.30.0.0/16", "192.168.1.2", "eth1", 0),
    ];
    const second = a(snap(changed, flows));
    expect(second.connections[1]?.expected?.gateway).toBe("192.168.1.2");
    expect(second).toEqual(analyze(snap(changed, flows)));
  });

  it("new card addresses re-classify every flow", () => {
    const a = createIncrementalAnalyzer();
    const routes = baseRoutes();
    const flows = [toInternal, toPublic];
    a(snap(routes, flows));
    const moved = [card("eth0", 2, "192.168.1.10"), card("eth1", 3, "192.168.1.12")];
    const second = a(snap(routes, flows, moved));
    expect(second).toEqual(analyze(snap(routes, flows, moved)));
    expect(second.findings.map((f) => f.id)).toEqual(
      analyze(snap(routes, flows, moved)).findings.map((f) => f.id),
    );
  });

  it("a large table with one route replaced gives analyze()'s answer", () => {
    const a = createIncrementalAnalyzer();
    const big: Route[] = baseRoutes();
    for (let i = 0; i < 20_000; i++)
      big.push(route(`${20 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`, "192.168.1.1", "eth0", 20));
    const flows = [toInternal, toPublic, conn("192.168.1.10:443", "20.0.7.9:1234", "ESTABLISHED")];
    a(snap(big, flows));
    const changed = big.toSpliced(10, 1, route("20.0.6.0/24", "192.168.1.254", "eth1", 20));
    const r = a(snap(changed, flows));
    expect(r).toEqual(analyze(snap(changed, flows)));
    expect(r.connections[2]?.egress.interface).toBe("eth0");
    const moved = changed.toSpliced(11, 1, route("20.0.7.0/24", "192.168.1.254", "eth1", 20));
    expect(a(snap(moved, flows)).connections[2]?.egress.interface).toBe("eth1");
  });

  it("fix plans on a table too big to scan (found through the index) match analyze()'s", () => {
    const a = createIncrementalAnalyzer();
    const policy = {
      rules: [
        { name: "internal", destinations: ["10.0.0.0/8"], interface: "eth1", gateway: "192.168.1.254" },
      ],
    };
    const big: Route[] = [
      route("0.0.0.0/0", "192.168.1.1", "eth0", 100),
      route("192.168.1.0/24", null, "eth0", 0),
    ];
    for (let i = 0; i < 6000; i++)
      big.push(route(`${30 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`, "192.168.1.1", "eth0", 20));
    // Routes inside 10/8 on the wrong card, which the fix must delete, in table order.
    big.splice(100, 0, route("10.2.0.0/16", "192.168.1.1", "eth0", 5));
    big.splice(3000, 0, route("10.1.0.0/16", "192.168.1.1", "eth0", 5));
    const flows = [
      conn("192.168.1.10:40000", "10.1.1.5:5061", "SYN_SENT"),
      conn("192.168.1.10:40001", "10.2.1.5:5061", "ESTABLISHED"),
    ];
    const opts = { policy, now: 10_000, firstSeen: new Map<string, number>() };
    const first = a(snap(big, flows), opts);
    expect(first).toEqual(analyze(snap(big, flows), opts));
    const fix = first.findings.find((f) => f.id === "wrong-nic-route")?.fix ?? [];
    expect(fix.map((c) => `${c.action} ${c.destination}`)).toEqual([
      "delete 10.2.0.0/16",
      "delete 10.1.0.0/16",
      "add 10.0.0.0/8",
    ]);
    // The same table re-read as new objects, then one route inside 10/8 added.
    const copy = big.map((r) => ({ ...r }));
    expect(a(snap(copy, flows), opts)).toEqual(analyze(snap(copy, flows), opts));
    const more = copy.toSpliced(50, 0, route("10.1.1.0/24", "192.168.1.1", "eth0", 5));
    expect(a(snap(more, flows), opts)).toEqual(analyze(snap(more, flows), opts));
  });
});
