import { describe, expect, it } from "vitest";
import type { RouteChange } from "../../src/core/model.js";
import { applyChanges, planPin } from "../../src/core/plan.js";
import { linuxCards, linuxRoutes, route, winCards, winRoutes } from "./support/story.js";

const add = (
  destination: string,
  gateway: string | null,
  iface: string | null,
  extra: Partial<RouteChange> = {},
): RouteChange => ({
  action: "add",
  destination,
  gateway,
  interface: iface,
  persistent: false,
  ...extra,
});
const del = (
  destination: string,
  gateway: string | null = null,
  iface: string | null = null,
): RouteChange => ({
  action: "delete",
  destination,
  gateway,
  interface: iface,
  persistent: false,
});

describe("applyChanges", () => {
  it("Windows: an add pinned by hex index lands on that card with route + interface metric", () => {
    const t = applyChanges(
      winRoutes(),
      [add("10.0.0.0/8", "192.168.1.254", "0x10004", { persistent: true })],
      winCards(),
      "windows",
    );
    expect(t.at(-1)).toEqual(route("10.0.0.0/8", "192.168.1.254", "int", 36, { persistent: true }));
  });

  it("an unpinned add lands on the card with the lowest interface metric on the gateway's subnet", () => {
    const t = applyChanges(
      winRoutes(),
      [add("10.0.0.0/8", "192.168.1.254", null, { metric: 5 })],
      winCards(),
      "windows",
    );
    expect(t.at(-1)).toMatchObject({ interface: "ext", metric: 30 });
  });

  it("Linux: a delete removes one matching route (the lowest metric), Windows every match", () => {
    const twice = [
      route("10.0.0.0/8", "192.168.1.254", "eth0", 10),
      route("10.0.0.0/8", "192.168.1.254", "eth1", 5),
    ];
    const lin = applyChanges([...linuxRoutes(), ...twice], [del("10.0.0.0/8")], linuxCards(), "linux");
    expect(lin.filter((r) => r.destination === "10.0.0.0/8").map((r) => r.interface)).toEqual(["eth0"]);
    const win = applyChanges(
      [...linuxRoutes(), ...twice],
      [del("10.0.0.0/8", "192.168.1.254")],
      linuxCards(),
      "windows",
    );
    expect(win.filter((r) => r.destination === "10.0.0.0/8")).toEqual([]);
  });

  it("a delete names gateway and card when given; local routes are never deleted", () => {
    const t = applyChanges(
      winRoutes(),
      [del("192.168.1.0/24", null, "int"), del("192.168.1.10/32")],
      winCards(),
      "windows",
    );
    expect(t.map((r) => `${r.destination} ${r.interface}`)).toEqual([
      "0.0.0.0/0 ext",
      "192.168.1.0/24 ext",
      "192.168.1.10/32 ext",
      "192.168.1.11/32 int",
    ]);
  });

  it("re-adding an existing route only makes it persistent; invalid changes are skipped; input untouched", () => {
    const routes = [...linuxRoutes(), route("10.0.0.0/8", "192.168.1.254", "eth1", 0)];
    const before = JSON.stringify(routes);
    const t = applyChanges(
      routes,
      [
        add("10.0.0.0/8", "192.168.1.254", "eth1", { persistent: true }),
        add("nope", "1.2.3.4", "eth1"),
        add("10.0.0.0/8", "x", "eth1"),
      ],
      linuxCards(),
      "linux",
    );
    expect(t).toHaveLength(routes.length);
    expect(t.at(-1)?.persistent).toBe(true);
    expect(JSON.stringify(routes)).toBe(before);
  });
});

describe("planPin", () => {
  const target = { prefix: "10.0.0.0/8", card: "int", gateway: "192.168.1.254", destinations: ["10.1.1.20"] };
  it("adds only when the pinned route is missing", () => {
    expect(planPin(winRoutes(), target, winCards(), "windows")).toEqual([
      {
        action: "add",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "int",
        persistent: true,
      },
    ]);
    expect(
      planPin(
        [...winRoutes(), route("10.0.0.0/8", "192.168.1.254", "int", 36)],
        target,
        winCards(),
        "windows",
      ),
    ).toEqual([]);
  });
  it("deletes routes at least as specific that capture a destination elsewhere, not unrelated ones", () => {
    const routes = [
      ...winRoutes(),
      route("10.1.1.0/24", "192.168.1.77", "int", 30, { persistent: true }),
      route("10.2.0.0/16", "192.168.1.1", "ext", 30),
      route("10.0.0.0/8", "192.168.1.254", "ext", 30),
    ];
    expect(
      planPin(routes, target, winCards(), "windows").map(
        (c) => `${c.action} ${c.destination} ${c.interface} ${c.persistent}`,
      ),
    ).toEqual(["delete 10.1.1.0/24 int true", "delete 10.0.0.0/8 ext false", "add 10.0.0.0/8 int true"]);
  });
  it("never deletes a card's connected subnet", () => {
    const t = {
      prefix: "192.168.1.0/24",
      card: "int",
      gateway: "192.168.1.254",
      destinations: ["192.168.1.50"],
    };
    expect(planPin(winRoutes(), t, winCards(), "windows").map((c) => c.action)).toEqual(["add"]);
  });
  it("an on-link route beside the pinned one: its delete takes both, so the pinned one is added back", () => {
    const both = [route("10.0.0.0/8", "192.168.1.254", "int", 36), route("10.0.0.0/8", null, "int", 36)];
    const win = planPin([...winRoutes(), ...both], target, winCards(), "windows");
    expect(win.map((c) => `${c.action} ${c.gateway}`)).toEqual(["delete null", "add 192.168.1.254"]);
    const linTarget = { ...target, card: "eth1" };
    const linBoth = both.map((r) => ({ ...r, interface: "eth1" }));
    const lin = planPin([...linuxRoutes(), ...linBoth], linTarget, linuxCards(), "linux");
    // `ip route del` removes one route per call: two calls, then the add.
    expect(lin.map((c) => `${c.action} ${c.gateway}`)).toEqual([
      "delete null",
      "delete null",
      "add 192.168.1.254",
    ]);
    const after = applyChanges([...linuxRoutes(), ...linBoth], lin, linuxCards(), "linux");
    expect(after.filter((r) => r.destination === "10.0.0.0/8").map((r) => r.gateway)).toEqual([
      "192.168.1.254",
    ]);
  });
});
