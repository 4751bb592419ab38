// `ip monitor label route rule address link` lines (the forms iproute2 6.1
// printed in a test namespace) turned into route events and re-read requests.
import { describe, expect, it } from "vitest";
import { MonitorParser } from "../../../src/system/linux/monitor-events.js";

describe("MonitorParser", () => {
  it("turns route lines into added and deleted routes, multipath hops included", () => {
    const m = new MonitorParser();
    m.push("[ROUTE]10.60.0.0/16 via 10.9.0.2 dev va ");
    m.push("[ROUTE]Deleted 2001:db8::/32 dev va metric 1024 pref medium");
    m.push("[ROUTE]10.70.0.0/16 ");
    m.push("\tnexthop via 10.9.0.2 dev va weight 1 ");
    m.push("\tnexthop via 10.9.0.3 dev va weight 1 ");
    m.push("[ROUTE]local 10.9.0.5 dev va table local proto kernel scope host src 10.9.0.1 ");
    const b = m.take();
    expect(b.routes.map((e) => `${e.deleted ? "-" : "+"}${e.route.destination} ${e.route.table}`)).toEqual([
      "+10.60.0.0/16 main",
      "-2001:db8::/32 main",
      "+10.70.0.0/16 main",
      "+10.9.0.5/32 local",
    ]);
    expect(b.routes[2]?.route.nexthops?.map((h) => h.gateway)).toEqual(["10.9.0.2", "10.9.0.3"]);
    expect([b.rules, b.interfaces, b.resync]).toEqual([false, false, false]);
  });

  it("asks for rules on a rule line, and for cards and a full route read on address and link lines", () => {
    const m = new MonitorParser();
    m.push("[RULE]Deleted 32765:\tfrom 10.9.0.0/24 lookup 100");
    expect(m.take()).toMatchObject({ rules: true, interfaces: false, resync: false });
    m.push("[ADDR]3: va    inet 10.9.0.5/24 scope global secondary va");
    m.push("       valid_lft forever preferred_lft forever");
    expect(m.take()).toMatchObject({ rules: false, interfaces: true, resync: true, routes: [] });
    expect(m.take()).toMatchObject({ rules: false, interfaces: false, resync: false });
  });

  it("asks for a full read when a line cannot be applied", () => {
    const m = new MonitorParser();
    m.push("[ROUTE]nonsense/99 dev va");
    expect(m.take().resync).toBe(true);
    m.push("[ROUTE]10.70.0.0/16 ");
    m.take();
    // Its nexthops arrive after the route was taken: the table cannot be patched.
    m.push("\tnexthop via 10.9.0.2 dev va weight 1 ");
    expect(m.take().resync).toBe(true);
  });
});
