// The PowerShell parsers on ConvertTo-Json output (hand-written from the
// documented CIM classes), and on garbage and truncated JSON.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildPsInterfaces,
  parsePsAddresses,
  parsePsInterfaces,
  parsePsRoutes,
  psItems,
} from "../../../src/system/windows/parse-powershell.js";
import { parsePsProcesses, parsePsTcp, parsePsUdp } from "../../../src/system/windows/parse-ps-sockets.js";
import { fixture } from "./fixtures.js";

const ps = (file: string) => fixture("windows-ps", file);

describe("ConvertTo-Json output (hand-written from the documented CIM classes)", () => {
  it("Get-NetIPInterface + Get-NetIPAddress: one card per index, named by alias, active store only", () => {
    const ifs = parsePsInterfaces(ps("ws2019-get-netipinterface.json"));
    const addrs = parsePsAddresses(ps("ws2019-get-netipaddress.json"));
    expect(ifs.warnings).toEqual([]);
    expect(ifs.interfaces).toHaveLength(6);
    expect(addrs.addresses.filter((a) => a.persistent)).toHaveLength(2);
    const cards = buildPsInterfaces(ifs.interfaces, addrs.addresses);
    expect(cards.map((c) => [c.index, c.name, c.metric, c.up])).toEqual([
      [14, "int", 35, true],
      [12, "ext", 25, true],
      [1, "Loopback Pseudo-Interface 1", 75, true],
    ]);
    expect(cards[1]?.addresses).toEqual([
      { address: "fe80::2d4f:8a1e:31c2:9b10", prefixLen: 64, family: 6, scope: "link" },
      { address: "192.168.1.10", prefixLen: 24, family: 4, primary: true },
    ]);
  });

  it("Get-NetRoute: metric = RouteMetric + InterfaceMetric, 0.0.0.0/:: next hop = on-link, stores split", () => {
    const r = parsePsRoutes(ps("ws2019-get-netroute.json"));
    expect(r.warnings).toEqual([]);
    const text = ps("ws2019-get-netroute.json");
    const total = (text.match(/"DestinationPrefix":/g) ?? []).length;
    expect(r.routes.length + r.persistent.length).toBe(total);
    expect(r.routes.find((x) => x.destination === "0.0.0.0/0")).toMatchObject({
      gateway: "192.168.1.1",
      interface: "ext",
      metric: 25,
      family: 4,
      persistent: false,
    });
    expect(
      r.routes
        .filter((x) => x.destination === "192.168.1.0/24")
        .map((x) => [x.interface, x.gateway, x.metric]),
    ).toEqual([
      ["int", null, 291],
      ["ext", null, 281],
    ]);
    expect(r.persistent).toEqual([
      expect.objectContaining({ destination: "0.0.0.0/0", gateway: "192.168.1.1", metric: 0 }),
    ]);
    expect(r.routes.find((x) => x.destination === "224.0.0.0/4")?.type).toBe("multicast");
  });

  it("Get-NetRoute without InterfaceMetric takes it from Get-NetIPInterface, else says so", () => {
    const one = JSON.stringify({
      DestinationPrefix: "10.0.0.0/8",
      NextHop: "192.168.1.254",
      InterfaceIndex: 14,
      RouteMetric: 10,
      AddressFamily: 2,
    });
    const ifs = parsePsInterfaces(ps("ws2019-get-netipinterface.json")).interfaces;
    expect(parsePsRoutes(one, ifs).routes[0]).toMatchObject({
      metric: 45,
      interface: "14",
      gateway: "192.168.1.254",
    });
    expect(parsePsRoutes(one).warnings.join()).toMatch(/interface metric unknown/);
  });

  it("Get-NetTCPConnection: numeric states, Listen and Bound are listeners", () => {
    const r = parsePsTcp(ps("ws2019-get-nettcpconnection.json"));
    const total = (ps("ws2019-get-nettcpconnection.json").match(/"LocalAddress":/g) ?? []).length;
    expect(r.connections.length + r.listeners.length).toBe(total);
    expect(r.connections.map((c) => c.state).sort()).toEqual([
      "ESTABLISHED",
      "ESTABLISHED",
      "ESTABLISHED",
      "ESTABLISHED",
      "SYN_SENT",
      "TIME_WAIT",
    ]);
    expect(r.connections).toContainEqual({
      protocol: "tcp",
      family: 4,
      local: { address: "192.168.1.10", port: 50123 },
      remote: { address: "10.1.1.20", port: 5061 },
      state: "SYN_SENT",
      pid: 2748,
      process: null,
    });
    expect(r.listeners.filter((l) => l.state === "BOUND")).toHaveLength(1);
  });

  it("Get-NetUDPEndpoint as a single object, not an array", () => {
    const r = parsePsUdp(ps("ws2019-get-netudpendpoint-single.json"));
    expect(r.listeners).toEqual([
      {
        protocol: "udp",
        family: 4,
        local: { address: "0.0.0.0", port: 123 },
        state: "",
        pid: 1288,
        process: null,
      },
    ]);
  });

  it("accepts enums as names (-EnumsAsStrings) and PolicyStore text", () => {
    const r = parsePsRoutes(
      JSON.stringify([
        {
          DestinationPrefix: "10.0.0.0/8",
          NextHop: "192.168.1.254",
          ifIndex: 14,
          InterfaceAlias: "int",
          RouteMetric: 10,
          InterfaceMetric: 35,
          AddressFamily: "IPv4",
          PolicyStore: "PersistentStore",
        },
      ]),
    );
    expect(r.persistent).toHaveLength(1);
    expect(
      parsePsTcp(
        JSON.stringify({
          LocalAddress: "::1",
          LocalPort: 1,
          RemoteAddress: "::1",
          RemotePort: 2,
          State: "FinWait2",
        }),
      ).connections[0]?.state,
    ).toBe("FIN_WAIT_2");
  });

  it("Get-Process names", () => {
    expect(parsePsProcesses('[{"Id":4,"ProcessName":"System"},{"Id":"x"}]')).toEqual(
      new Map([[4, "System"]]),
    );
  });
});

describe("garbage", () => {
  it("says what is wrong with text that is neither JSON nor a view", () => {
    expect(parsePsRoutes("this is not it").error).toMatch(/ConvertTo-Json/);
    expect(psItems("").items).toEqual([]);
    expect(psItems("null").items).toEqual([]);
  });

  it("never throws on truncated JSON or arbitrary text", () => {
    const text = ps("ws2019-get-netroute.json");
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ maxLength: 200 }), (at, junk) => {
        parsePsRoutes(text.slice(0, Math.floor(text.length * at)));
        parsePsTcp(junk);
        parsePsAddresses(junk);
        parsePsInterfaces(`[${junk}]`);
      }),
    );
  });
});
