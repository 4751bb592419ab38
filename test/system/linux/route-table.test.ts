// Monitor events applied to a route table: adds, replaces and deletes, with
// every untouched Route object kept and null when nothing changed.
import { describe, expect, it } from "vitest";
import type { Route } from "../../../src/core/model.js";
import { applyRouteEvents } from "../../../src/system/linux/route-table.js";

const r = (destination: string, gateway: string | null, dev: string, metric = 0, table = "main"): Route => ({
  destination,
  family: 4,
  gateway,
  interface: dev,
  metric,
  table,
  type: "unicast",
  persistent: false,
});

const table = () => [
  r("0.0.0.0/0", "192.168.1.1", "eth0", 100),
  r("10.0.0.0/8", "192.168.1.254", "eth1", 10),
];

describe("applyRouteEvents", () => {
  it("appends a new route and keeps the others' objects", () => {
    const t = table();
    const next = applyRouteEvents(t, [
      { deleted: false, route: r("172.16.0.0/12", "192.168.1.254", "eth1") },
    ]);
    expect(next?.map((x) => x.destination)).toEqual(["0.0.0.0/0", "10.0.0.0/8", "172.16.0.0/12"]);
    expect(next?.[0]).toBe(t[0]);
    expect(next?.[1]).toBe(t[1]);
  });

  it("replaces a route with the same table, prefix and metric in place", () => {
    const t = table();
    const moved = r("10.0.0.0/8", "192.168.1.253", "eth1", 10);
    expect(applyRouteEvents(t, [{ deleted: false, route: moved }])).toEqual([t[0], moved]);
  });

  it("deletes the route the event names, and only it", () => {
    const t = [...table(), r("10.0.0.0/8", "192.168.1.1", "eth0", 20)];
    const next = applyRouteEvents(t, [
      { deleted: true, route: r("10.0.0.0/8", "192.168.1.254", "eth1", 10) },
    ]);
    expect(next).toEqual([t[0], t[2]]);
  });

  it("returns null when the events change nothing (a repeat, a delete of what is gone)", () => {
    const t = table();
    expect(applyRouteEvents(t, [{ deleted: false, route: { ...(t[1] as Route) } }])).toBeNull();
    expect(applyRouteEvents(t, [{ deleted: true, route: r("192.0.2.0/24", null, "eth0") }])).toBeNull();
    expect(applyRouteEvents(t, [])).toBeNull();
  });

  it("replays events in order: an add then its delete leaves the table as it was", () => {
    const t = table();
    const extra = r("198.51.100.0/24", "192.168.1.1", "eth0");
    expect(
      applyRouteEvents(t, [
        { deleted: false, route: extra },
        { deleted: true, route: extra },
      ]),
    ).toBeNull();
  });
});
