// Every route type `ip route` prints is read with its values (issue 18): "none"
// (RTN_UNSPEC, as WSL 1 prints all its routes) keeps the default route.
import { describe, expect, it } from "vitest";
import { parseIpRouteText } from "../../../src/system/linux/parse-ip-route-text.js";

describe("ip route types", () => {
  it("WSL 1: 'none default via 10.0.0.1 dev eth0 proto unspec metric 0' is the default route", () => {
    const text = [
      "none default via 10.0.0.1 dev eth0 proto unspec metric 0",
      "none 10.0.0.0/24 dev eth0 proto unspec metric 256",
      "none 224.0.0.0/4 dev eth0 proto unspec metric 256",
    ].join("\n");
    const r = parseIpRouteText(text);
    expect(r.warnings).toEqual([]);
    expect(
      r.routes.map((x) => [x.type, x.destination, x.gateway, x.interface, x.metric, x.protocol]),
    ).toEqual([
      ["unicast", "0.0.0.0/0", "10.0.0.1", "eth0", 0, "unspec"],
      ["unicast", "10.0.0.0/24", null, "eth0", 256, "unspec"],
      ["unicast", "224.0.0.0/4", null, "eth0", 256, "unspec"],
    ]);
  });

  it("unicast local broadcast multicast anycast throw unreachable prohibit blackhole nat", () => {
    const text = [
      "unicast 10.1.0.0/16 via 192.168.1.254 dev eth1 proto static metric 5",
      "local 192.168.1.10 dev eth0 table local proto kernel scope host src 192.168.1.10",
      "broadcast 192.168.1.255 dev eth0 table local proto kernel scope link src 192.168.1.10",
      "multicast 239.1.1.0/24 dev eth1 table local proto static scope link",
      "anycast fe80:: dev eth0 table local proto kernel metric 0 pref medium",
      "throw 10.2.0.0/16 table 100",
      "unreachable 10.3.0.0/16 metric 7",
      "prohibit 10.4.0.0/16",
      "blackhole 10.5.0.0/16 proto static",
      "nat 10.6.0.1 via 192.168.1.20 table local",
    ].join("\n");
    const r = parseIpRouteText(text);
    expect(r.warnings).toEqual([]);
    expect(r.routes.map((x) => [x.type, x.destination, x.gateway, x.interface, x.table, x.metric])).toEqual([
      ["unicast", "10.1.0.0/16", "192.168.1.254", "eth1", "main", 5],
      ["local", "192.168.1.10/32", null, "eth0", "local", 0],
      ["broadcast", "192.168.1.255/32", null, "eth0", "local", 0],
      ["multicast", "239.1.1.0/24", null, "eth1", "local", 0],
      ["anycast", "fe80::/128", null, "eth0", "local", 0],
      ["throw", "10.2.0.0/16", null, null, "100", 0],
      ["unreachable", "10.3.0.0/16", null, null, "main", 7],
      ["prohibit", "10.4.0.0/16", null, null, "main", 0],
      ["blackhole", "10.5.0.0/16", null, null, "main", 0],
      ["nat", "10.6.0.1/32", "192.168.1.20", null, "local", 0],
    ]);
  });
});
