import { describe, expect, it } from "vitest";
import type { Route } from "../../../src/core/model.js";
import { parseIpRouteJson } from "../../../src/system/linux/parse-ip-route.js";
import { parseIpRouteSaved, parseIpRouteText } from "../../../src/system/linux/parse-ip-route-text.js";
import { captured, nonEmptyLines, real } from "./fixtures.js";

/** Independent count: every non-empty line is a route except the "nexthop" lines of multipath ones. */
const routeLines = (text: string) => nonEmptyLines(text).filter((l) => !/^\s*nexthop\s/.test(l)).length;

const FILES = [
  ["ip-route/cloudinit-two-defaults.txt", {}],
  ["ip-route/jc-centos77.txt", {}],
  ["ip-route/moler-old-iproute2-multi-if.txt", {}],
  ["ip-route/vps-snapshot-ubuntu2404-mihomo.txt", {}],
  ["ip-6-route/cloudinit-v6.txt", { family: 6 }],
  ["ip-6-route/moler-ra-hoplimit.txt", { family: 6 }],
  ["ip-route-show-table/gcp-dual-nic-table-main.txt", { table: "main" }],
  ["ip-route-show-table/gcp-dual-nic-table-special.txt", { table: "special" }],
  ["ip-route-show-table-all/azure-nva-branch2-frr.txt", {}],
  ["ip-route-show-table-all/vps-snapshot-ubuntu2404-mihomo-v4v6.txt", {}],
] as const;

describe("parseIpRouteText on real captures", () => {
  it.each(FILES)("%s: one route per route line, no warnings", (file, opts) => {
    const text = real(file);
    const r = parseIpRouteText(text, opts);
    expect(r.warnings).toEqual([]);
    expect(r.routes).toHaveLength(routeLines(text));
    if ("family" in opts) expect(r.routes.every((x) => x.family === 6)).toBe(true);
  });

  it("two defaults with their metrics", () => {
    const routes = parseIpRouteText(real("ip-route/cloudinit-two-defaults.txt")).routes;
    expect(routes.map((r) => [r.destination, r.gateway, r.interface, r.metric])).toEqual([
      ["0.0.0.0/0", "192.168.2.1", "enp0s25", 100],
      ["0.0.0.0/0", "192.168.2.1", "wlp3s0", 150],
      ["192.168.2.0/24", null, "enp0s25", 100],
    ]);
    expect(routes[2]).toMatchObject({
      prefsrc: "192.168.2.18",
      protocol: "kernel",
      scope: "link",
      persistent: true,
    });
  });

  it("old iproute2 with double spaces and indented lines; host routes without a prefix length", () => {
    const routes = parseIpRouteText(real("ip-route/moler-old-iproute2-multi-if.txt")).routes;
    expect(routes[2]).toMatchObject({
      destination: "10.1.52.248/32",
      gateway: "10.0.0.248",
      interface: "eth3",
    });
    expect(routes[9]).toMatchObject({
      destination: "10.0.0.249/32",
      gateway: null,
      prefsrc: "10.0.0.2",
      metric: 0,
    });
  });

  it("IPv6 routes, including the local table and expiring ones", () => {
    const routes = parseIpRouteText(real("ip-6-route/cloudinit-v6.txt"), { family: 6 }).routes;
    expect(routes[0]).toMatchObject({ destination: "2a00:abcd:82ae:cd33::657/128", metric: 256 });
    expect(routes[8]).toMatchObject({
      destination: "::/0",
      gateway: "fe80::32ee:54de:cd43:b4e1",
      protocol: "static",
    });
    expect(routes[9]).toMatchObject({
      type: "local",
      destination: "::1/128",
      table: "local",
      protocol: "none",
    });
  });

  it("`ip route show table X` rows take X as their table", () => {
    const routes = parseIpRouteText(real("ip-route-show-table/gcp-dual-nic-table-special.txt"), {
      table: "special",
    });
    expect(routes.routes.map((r) => r.table)).toEqual(["special", "special"]);
    expect(routes.routes[1]?.prefsrc).toBe("10.138.0.2");
  });

  it("a file of both families: each row gets its own family; named and numbered tables kept", () => {
    const routes = parseIpRouteText(
      real("ip-route-show-table-all/vps-snapshot-ubuntu2404-mihomo-v4v6.txt"),
    ).routes;
    expect(routes[0]).toMatchObject({ destination: "0.0.0.0/0", table: "mihomo", interface: "tun-mihomo" });
    expect(routes[18]).toMatchObject({
      destination: "::/0",
      family: 6,
      table: "10230",
      interface: "wg0",
      metric: 1024,
    });
    expect(routes.filter((r) => r.family === 6)).toHaveLength(12);
    expect(routes.filter((r) => r.type === "broadcast")).toHaveLength(5);
  });

  it("the text and the JSON of the same tables give the same routes", () => {
    const text = parseIpRouteText(captured("ip-route-show-table-all.txt"));
    const json = [
      ...parseIpRouteJson(captured("ip-4-json-route-table-all.json"), 4).routes,
      ...parseIpRouteJson(captured("ip-6-json-route-table-all.json"), 6).routes,
    ];
    const key = (r: Route) => JSON.stringify(r);
    expect(text.warnings).toEqual([]);
    expect(text.routes.map(key).sort()).toEqual(json.map(key).sort());
  });

  it("unknown words are warnings; lines that are not routes are skipped with a warning", () => {
    const r = parseIpRouteText(
      "10.0.0.0/8 via 10.1.1.1 dev eth0 encap mpls 100\nhello world\n\tnexthop via 1.1.1.1\n",
    );
    expect(r.routes).toHaveLength(1);
    expect(r.routes[0]).toMatchObject({ gateway: "10.1.1.1", interface: "eth0" });
    expect(r.warnings).toHaveLength(3);
  });
});

describe("parseIpRouteSaved", () => {
  it("reads either form of a saved file", () => {
    const fromJson = parseIpRouteSaved(real("ip-json-route/nixos-installer-vps-v4.txt"));
    expect(fromJson.routes).toEqual([
      {
        destination: "0.0.0.0/0",
        family: 4,
        gateway: "10.0.0.1",
        interface: "ens3",
        metric: 0,
        table: "main",
        type: "unicast",
        persistent: false,
      },
    ]);
    const fromText = parseIpRouteSaved(real("ip-route-show-table/gcp-dual-nic-table-special.txt"), {
      table: "special",
    });
    expect(fromText.routes.map((r) => r.table)).toEqual(["special", "special"]);
    expect(parseIpRouteSaved('[{"dst":"default","dev":"e"}]', { table: "7" }).routes[0]?.table).toBe("7");
  });
});
