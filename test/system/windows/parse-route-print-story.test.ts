// parseRoutePrint on the story's captures, and resolveRouteInterfaces naming
// the card behind each printed address or index.
import { describe, expect, it } from "vitest";
import type { NetInterface } from "../../../src/core/model.js";
import { resolveRouteInterfaces } from "../../../src/system/parts/resolve-route-interfaces.js";
import { parseRoutePrint } from "../../../src/system/windows/parse-route-print.js";
import { fixture } from "./fixtures.js";

describe("story captures", () => {
  it("Server 2003: hex ids 0x10003/0x10004, default via 192.168.1.1 on the ext address", () => {
    const r = parseRoutePrint(fixture("story", "ws2003-route-print.txt"));
    expect(r.interfaces.map((i) => [i.index, i.mac])).toEqual([
      [1, undefined],
      [0x10003, "00:15:5d:01:0a:10"],
      [0x10004, "00:15:5d:01:0a:11"],
    ]);
    expect(r.routes).toHaveLength(12);
    expect(r.routes.filter((x) => x.destination === "0.0.0.0/0")).toEqual([
      expect.objectContaining({ gateway: "192.168.1.1", interface: "192.168.1.10", metric: 10 }),
    ]);
    expect(r.defaultGateway).toBe("192.168.1.1");
  });

  it("Server 2019: decimal indexes, both cards on 192.168.1.0/24, persistent default", () => {
    const r = parseRoutePrint(fixture("story", "ws2019-route-print.txt"));
    expect(r.interfaces.map((i) => i.index)).toEqual([12, 14, 1]);
    const subnet = r.routes.filter((x) => x.destination === "192.168.1.0/24");
    expect(subnet.map((x) => [x.interface, x.metric])).toEqual([
      ["192.168.1.10", 281],
      ["192.168.1.11", 291],
    ]);
    expect(r.routes.filter((x) => x.family === 6)).toHaveLength(8);
    expect(r.persistent).toEqual([
      expect.objectContaining({ destination: "0.0.0.0/0", gateway: "192.168.1.1", metric: 0 }),
    ]);
  });
});

describe("resolveRouteInterfaces", () => {
  const cards: NetInterface[] = [
    {
      index: 0x10003,
      name: "ext",
      addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4 }],
      up: true,
    },
    {
      index: 0x10004,
      name: "int",
      addresses: [{ address: "192.168.1.11", prefixLen: 24, family: 4 }],
      up: true,
    },
    {
      index: 1,
      name: "MS TCP Loopback interface",
      description: "MS TCP Loopback interface",
      addresses: [],
      up: true,
    },
  ];

  it("names the card that owns the printed address; 127.0.0.1 is the loopback", () => {
    const r = parseRoutePrint(fixture("story", "ws2003-route-print.txt"));
    const resolved = resolveRouteInterfaces(r.routes, cards);
    expect(resolved.find((x) => x.destination === "0.0.0.0/0")?.interface).toBe("ext");
    expect(resolved.filter((x) => x.destination === "192.168.1.0/24").map((x) => x.interface)).toEqual([
      "ext",
      "int",
    ]);
    expect(resolved.find((x) => x.destination === "127.0.0.0/8")?.interface).toBe(
      "MS TCP Loopback interface",
    );
  });

  it("maps IPv6 If indexes and leaves unknown ones as printed", () => {
    const routes = parseRoutePrint(fixture("story", "ws2019-route-print.txt")).routes;
    const v6cards: NetInterface[] = [{ index: 12, name: "ext", addresses: [], up: true }];
    const resolved = resolveRouteInterfaces(routes, v6cards);
    expect(resolved.filter((x) => x.destination === "fe80::/64").map((x) => x.interface)).toEqual([
      "ext",
      "14",
    ]);
  });
});
