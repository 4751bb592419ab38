import { describe, expect, it } from "vitest";
import { parseIpRouteJson } from "../../../src/system/linux/parse-ip-route.js";
import { captured, jsonLength, real } from "./fixtures.js";

describe("parseIpRouteJson on real captures", () => {
  it.each([
    ["ip-json-route/nixos-installer-vps-v4.txt", 4],
    ["ip-json-route/pytest-network-connections-wlp0s20f3.txt", 4],
    ["ip-6-json-route/nixos-installer-vps-v6.txt", 6],
  ] as const)("%s: one route per JSON entry, no warnings", (file, family) => {
    const text = real(file);
    const r = parseIpRouteJson(text, family);
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(r.routes).toHaveLength(jsonLength(text));
    expect(r.routes.every((x) => x.family === family)).toBe(true);
  });

  it("reads gateway, metric, prefsrc, protocol and persistence", () => {
    const [def, docker] = parseIpRouteJson(
      real("ip-json-route/pytest-network-connections-wlp0s20f3.txt"),
      4,
    ).routes;
    expect(def).toEqual({
      destination: "0.0.0.0/0",
      family: 4,
      gateway: "192.168.0.1",
      interface: "wlp0s20f3",
      metric: 600,
      table: "main",
      type: "unicast",
      prefsrc: "192.168.0.18",
      protocol: "dhcp",
      persistent: false,
    });
    expect(docker).toMatchObject({
      destination: "172.17.0.0/16",
      gateway: null,
      metric: 0,
      persistent: true,
    });
  });

  it("an IPv6 default is ::/0", () => {
    const routes = parseIpRouteJson(real("ip-6-json-route/nixos-installer-vps-v6.txt"), 6).routes;
    expect(routes[2]).toMatchObject({ destination: "::/0", gateway: "2a12:bec4:1bb0:de5::1", metric: 1024 });
  });
});

describe("parseIpRouteJson on `table all` dumps", () => {
  const v4 = parseIpRouteJson(captured("ip-4-json-route-table-all.json"), 4);
  const v6 = parseIpRouteJson(captured("ip-6-json-route-table-all.json"), 6);

  it("reads every entry", () => {
    expect(v4.warnings).toEqual([]);
    expect(v6.warnings).toEqual([]);
    expect(v4.routes).toHaveLength(jsonLength(captured("ip-4-json-route-table-all.json")));
    expect(v6.routes).toHaveLength(jsonLength(captured("ip-6-json-route-table-all.json")));
  });

  it("keeps types, tables and multipath next hops", () => {
    const by = (d: string, t = "main") => v4.routes.find((r) => r.destination === d && r.table === t);
    expect(by("10.62.0.0/16", "100")?.type).toBe("prohibit");
    expect(by("10.63.0.0/16", "100")?.type).toBe("throw");
    expect(by("10.60.0.0/16")).toMatchObject({ type: "blackhole", interface: null, gateway: null });
    expect(by("10.61.0.0/16")).toMatchObject({ type: "unreachable", metric: 5 });
    expect(by("0.0.0.0/0", "101")).toMatchObject({ gateway: "192.168.1.254", interface: "eth2" });
    expect(by("10.65.0.0/16")?.prefsrc).toBe("192.168.1.20");
    expect(by("127.0.0.1/32", "local")?.type).toBe("local");
    expect(by("10.50.0.0/16")).toMatchObject({
      gateway: "192.168.1.5",
      interface: "eth1",
      nexthops: [
        { gateway: "192.168.1.5", interface: "eth1", weight: 1 },
        { gateway: "192.168.1.6", interface: "eth2", weight: 2 },
      ],
    });
    expect(v6.routes.find((r) => r.type === "multicast")?.destination).toBe("ff00::/8");
  });

  it("a dump of both families tells them apart without a hint", () => {
    const both = JSON.stringify([
      { dst: "default", gateway: "fd00::1", dev: "eth0", metric: 1024, flags: [], pref: "medium" },
      { dst: "default", dev: "wg0", table: "10230", metric: 1024, flags: [], pref: "medium" },
      { dst: "default", gateway: "192.0.2.1", dev: "eth0", flags: [] },
      { dst: "default", via: { family: "inet6", host: "fe80::1" }, dev: "eth0", flags: [] },
    ]);
    expect(parseIpRouteJson(both).routes.map((r) => r.destination)).toEqual([
      "::/0",
      "::/0",
      "0.0.0.0/0",
      "0.0.0.0/0",
    ]);
    // An IPv4 route via an IPv6 next hop (RFC 5549) stays IPv4 when run with -4.
    expect(parseIpRouteJson(both, 4).routes[3]).toMatchObject({ family: 4, gateway: "fe80::1" });
  });

  it("warns about entries it cannot read and keeps the rest", () => {
    const r = parseIpRouteJson(
      JSON.stringify([
        { dst: "10.0.0.0/8", type: "xresolve" },
        { dst: "10.0.0.0/33" },
        "x",
        { dst: "10.0.0.0/8", dev: "e" },
      ]),
      4,
    );
    expect(r.routes).toHaveLength(1);
    expect(r.warnings).toHaveLength(3);
  });

  it("truncated output is an error, not a throw", () => {
    const text = captured("ip-4-json-route-table-all.json");
    expect(parseIpRouteJson(text.slice(0, 200), 4).error).toMatch(/not valid JSON/);
  });
});
