// parseRoutePrint's values on real captures: card ids, on-link and default
// metrics, persistent routes, localized layouts and row types.
import { describe, expect, it } from "vitest";
import { parseRoutePrint } from "../../../src/system/windows/parse-route-print.js";
import { fixture } from "./fixtures.js";

describe("parseRoutePrint values", () => {
  it("reads the XP/2003 layout: hex ids, gateway = own address as on-link, Default Gateway line", () => {
    const r = parseRoutePrint(fixture("real", "windows", "route-print", "jc-winxp.txt"));
    expect(r.interfaces).toEqual([
      { index: 1, description: "MS TCP Loopback interface" },
      {
        index: 2,
        mac: "00:0c:29:21:f9:3e",
        description: "Intel(R) PRO/1000 MT Network Connection - Packet Scheduler Miniport",
      },
    ]);
    expect(r.defaultGateway).toBe("192.168.22.1");
    expect(r.routes).toContainEqual(
      expect.objectContaining({
        destination: "192.168.22.0/24",
        gateway: null,
        interface: "192.168.22.135",
        metric: 10,
      }),
    );
    expect(r.routes).toContainEqual(
      expect.objectContaining({ destination: "192.168.22.135/32", type: "local" }),
    );
    expect(r.persistent).toEqual([
      expect.objectContaining({
        destination: "10.0.4.0/24",
        gateway: "192.168.22.1",
        metric: 1,
        persistent: true,
        interface: null,
      }),
    ]);
  });

  it("turns hex ids into numbers and joins a description the console wrapped", () => {
    const r = parseRoutePrint(
      fixture("real", "windows", "route-print", "ubuntuforums-2007-xp-ppp-starbase1.txt"),
    );
    expect(r.interfaces.map((i) => i.index)).toEqual([1, 0x10003, 0x20004]);
    expect(r.interfaces[1]?.description).toBe(
      "VIA Rhine II Fast Ethernet Adapter - Determnistic Network Enhancer Miniport",
    );
  });

  it("reads 'On-link' as null, the metric 'Default' as 0, and wrapped IPv6 rows", () => {
    const r = parseRoutePrint(fixture("real", "windows", "route-print", "jc-win2008.txt"));
    expect(r.routes[0]).toMatchObject({
      destination: "0.0.0.0/0",
      gateway: "192.168.23.1",
      interface: "192.168.23.154",
      metric: 266,
    });
    expect(r.routes).toContainEqual(
      expect.objectContaining({ destination: "127.0.0.0/8", gateway: null, metric: 306 }),
    );
    expect(r.persistent).toEqual([
      expect.objectContaining({ destination: "0.0.0.0/0", gateway: "192.168.23.1", metric: 0 }),
    ]);
    expect(r.routes).toContainEqual(
      expect.objectContaining({
        destination: "fe80::9595:e8d9:b190:ecac/128",
        family: 6,
        gateway: null,
        interface: "11",
        metric: 266,
      }),
    );
  });

  it("reads 'Default ' with a trailing space and three identical persistent routes", () => {
    const blue = parseRoutePrint(fixture("real", "windows", "route-print", "htb-blue-win7.txt"));
    expect(blue.persistent).toEqual([expect.objectContaining({ destination: "0.0.0.0/0", metric: 0 })]);
    expect(blue.routes).toContainEqual(
      expect.objectContaining({ destination: "::/0", gateway: "fe80::250:56ff:feb9:aaa3", interface: "11" }),
    );
    const devel = parseRoutePrint(
      fixture("real", "windows", "route-print", "htb-devel-win7-triple-persistent.txt"),
    );
    expect(devel.persistent).toHaveLength(3);
  });

  it("keeps an IPv6 persistent route with metric 4294967295 and If 0 (no card)", () => {
    const r = parseRoutePrint(fixture("real", "windows", "route-print", "jc-win10.txt"));
    expect(r.persistent).toContainEqual(
      expect.objectContaining({
        destination: "2001:db8::/64",
        gateway: "fe80::1",
        metric: 4294967295,
        interface: null,
        family: 6,
      }),
    );
    expect(r.persistent.filter((p) => p.family === 4)).toHaveLength(4);
  });

  it.each([
    ["jackpal-fr-localized.txt", "0.0.0.0/0", "10.88.88.2", "10.88.88.149"],
    ["jackpal-es-localized.txt", "0.0.0.0/2", null, "123.45.0.10"],
    ["de-win11-fbtest-route-print-4.txt", "192.168.6.0/24", null, "192.168.6.1"],
    ["zh-cn-win7-java-capture.txt", "10.12.0.0/19", null, "10.12.20.73"],
    ["jackpal-onlink-default.txt", "0.0.0.0/0", null, "192.0.2.5"],
  ])("localized or odd %s: %s via %s on %s", (file, destination, gateway, iface) => {
    const r = parseRoutePrint(fixture("real", "windows", "route-print", file));
    expect(r.routes).toContainEqual(expect.objectContaining({ destination, gateway, interface: iface }));
  });

  it("marks multicast, broadcast and local rows", () => {
    const r = parseRoutePrint(fixture("real", "windows", "route-print", "jc-win7.txt"));
    const typeOf = (d: string) => r.routes.find((x) => x.destination === d)?.type;
    expect(typeOf("224.0.0.0/4")).toBe("multicast");
    expect(typeOf("192.168.22.255/32")).toBe("broadcast");
    expect(typeOf("255.255.255.255/32")).toBe("broadcast");
    expect(typeOf("192.168.22.33/32")).toBe("local");
    expect(typeOf("192.168.22.0/24")).toBe("unicast");
    expect(typeOf("ff00::/8")).toBe("multicast");
  });

  it("keeps a bare interface number printed in the Interface column", () => {
    const r = parseRoutePrint(fixture("real", "windows", "route-print", "windowsitpro-xp2000-ipsecshm.txt"));
    expect(r.routes).toContainEqual(
      expect.objectContaining({
        destination: "255.255.255.255/32",
        gateway: "192.168.1.100",
        interface: "2",
      }),
    );
  });
});
