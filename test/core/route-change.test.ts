// What a route change may hold before it becomes an argv: tables as iproute2 names
// them, and gateways that can be a next hop.
import { describe, expect, it } from "vitest";
import type { NetInterface, Route, RouteChange } from "../../src/core/model.js";
import { inTable } from "../../src/core/plan.js";
import { validateChange } from "../../src/core/route-change.js";

const cards: NetInterface[] = [
  {
    name: "eth0",
    index: 2,
    up: true,
    addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4 }],
  } as NetInterface,
];
const change = (over: Partial<RouteChange>): RouteChange => ({
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "eth0",
  persistent: false,
  ...over,
});
const refusal = (over: Partial<RouteChange>) => {
  try {
    validateChange(change(over), cards);
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
};

describe("tables", () => {
  it("refuses unspec (0) and local, as it refused 0 and 255", () => {
    expect(refusal({ table: "unspec" })).toMatch(/table "unspec" is not a routing table for routes/);
    expect(refusal({ table: "local" })).toMatch(/is not a routing table/);
  });
  it("253 and default are one table, spelled as ip route prints it", () => {
    expect(validateChange(change({ table: "253" }), cards).table).toBe("default");
    expect(validateChange(change({ table: "default" }), cards).table).toBe("default");
    const r = { table: "default" } as Route;
    expect(inTable(r, "253")).toBe(true);
    expect(inTable({ table: "main" } as Route, "254")).toBe(true);
    expect(inTable(r, "main")).toBe(false);
  });
});

describe("gateways", () => {
  it.each([
    ["0.0.0.0", "is the unspecified address"],
    ["255.255.255.255", "multicast or broadcast"],
    ["224.0.0.1", "multicast or broadcast"],
    ["192.168.1.10", "is this host's own address (on eth0)"],
  ])("an add via %s is refused", (gateway, why) => {
    expect(refusal({ gateway })).toContain(why);
  });
  it("an ordinary router is fine, and a delete names the route as it is", () => {
    expect(refusal({})).toBe("accepted");
    expect(refusal({ action: "delete", gateway: "192.168.1.10" })).toBe("accepted");
  });
  it("cuts a huge value it echoes", () => {
    expect(refusal({ gateway: "x".repeat(100_000) }).length).toBeLessThan(200);
  });
});
