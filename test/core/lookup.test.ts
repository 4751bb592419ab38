// lookup() on the story server's Windows server: longest prefix, strong host,
// route + interface metrics, down cards.
import { describe, expect, it } from "vitest";
import { buildIndex, lookup, ownerOf } from "../../src/core/lookup.js";
import type { NetInterface } from "../../src/core/model.js";
import { r } from "./support/lookup-route.js";

// the story (docs/ARCHITECTURE.md), as `route print` shows it on the Windows server.
const winCards: NetInterface[] = [
  {
    index: 0x10003,
    name: "ext",
    up: true,
    metric: 25,
    addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4 }],
  },
  {
    index: 0x10004,
    name: "int",
    up: true,
    metric: 35,
    addresses: [{ address: "192.168.1.11", prefixLen: 24, family: 4 }],
  },
];
const winRoutes = [
  r("0.0.0.0/0", "192.168.1.1", "ext", 25),
  r("192.168.1.0/24", null, "ext", 281),
  r("192.168.1.0/24", null, "int", 291),
  r("192.168.1.10/32", null, "ext", 281, { type: "local" }),
  r("192.168.1.11/32", null, "int", 291, { type: "local" }),
];

describe("Windows story", () => {
  it("without a route, 10.1.1.20 leaves ext via the internet gateway from 192.168.1.10", () => {
    const idx = buildIndex("windows", winCards, winRoutes);
    expect(lookup(idx, { destination: "10.1.1.20" })).toMatchObject({
      type: "unicast",
      interface: "ext",
      gateway: "192.168.1.1",
      source: "192.168.1.10",
    });
  });

  it("strong host: from the internal address there is no route at all", () => {
    const idx = buildIndex("windows", winCards, winRoutes);
    const res = lookup(idx, { destination: "10.1.1.20", oif: ownerOf(idx, "192.168.1.11")?.name ?? "" });
    expect(res.type).toBe("no-route");
  });

  it("the pinned route sends 10/8 out of int via 192.168.1.254", () => {
    const idx = buildIndex("windows", winCards, [...winRoutes, r("10.0.0.0/8", "192.168.1.254", "int", 45)]);
    expect(lookup(idx, { destination: "10.1.1.20" })).toMatchObject({
      interface: "int",
      gateway: "192.168.1.254",
      source: "192.168.1.11",
    });
  });

  it("ties on prefix go to the lowest route+interface metric; a down card's routes are ignored", () => {
    const idx = buildIndex("windows", winCards, winRoutes);
    expect(lookup(idx, { destination: "192.168.1.50" }).interface).toBe("ext");
    const down = winCards.map((c) => (c.name === "ext" ? { ...c, up: false } : c));
    expect(lookup(buildIndex("windows", down, winRoutes), { destination: "192.168.1.50" }).interface).toBe(
      "int",
    );
  });
});
