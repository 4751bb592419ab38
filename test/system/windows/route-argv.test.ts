// route.exe:  https://learn.microsoft.com/windows-server/administration/windows-commands/route_ws2008
//   "route [/f] [/p] [<command> [<destination>] [mask <netmask>] [<gateway>] [metric <metric>]] [if <interface>]]",
//   metric 1 to 9999; "if" takes a decimal or 0x hex index; /p with add stores the route in the registry.
// New-NetRoute:    https://learn.microsoft.com/powershell/module/nettcpip/new-netroute
//   -PolicyStore: "By default, a route is saved in both stores. Use this parameter only when you need to
//   create a route in just the ActiveStore." (PersistentStore alone "Cannot be used".)
// Remove-NetRoute: https://learn.microsoft.com/powershell/module/nettcpip/remove-netroute
import { describe, expect, it } from "vitest";
import type { NetInterface, RouteChange } from "../../../src/core/model.js";
import { ValidationError } from "../../../src/system/validate.js";
import {
  POWERSHELL_COMMAND,
  powershellRouteArgv,
  routeExeArgv,
} from "../../../src/system/windows/route-argv.js";

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
    index: 0,
    name: "192.168.1.12",
    addresses: [{ address: "192.168.1.12", prefixLen: 24, family: 4 }],
    up: true,
  },
];
const modern: NetInterface[] = [
  { index: 12, name: "ext", addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4 }], up: true },
  { index: 14, name: "int", addresses: [{ address: "192.168.1.11", prefixLen: 24, family: 4 }], up: true },
];

const add = (over: Partial<RouteChange> = {}): RouteChange => ({
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "int",
  metric: 10,
  persistent: true,
  ...over,
});

describe("routeExeArgv", () => {
  it("adds a persistent interface-pinned route, printing the hex index 0x10004 in decimal", () => {
    expect(routeExeArgv(add({ interface: "0x10004" }), cards)).toEqual([
      "route",
      "add",
      "10.0.0.0",
      "mask",
      "255.0.0.0",
      "192.168.1.254",
      "metric",
      "10",
      "IF",
      "65540",
      "-p",
    ]);
  });

  it("adds a temporary route without -p and without a metric", () => {
    expect(routeExeArgv(add({ metric: undefined, persistent: false }), modern)).toEqual([
      "route",
      "add",
      "10.0.0.0",
      "mask",
      "255.0.0.0",
      "192.168.1.254",
      "IF",
      "14",
    ]);
  });

  it("resolves the card by its address and makes an on-link route with 0.0.0.0", () => {
    expect(
      routeExeArgv(add({ gateway: null, interface: "192.168.1.11", destination: "172.16.0.0/12" }), modern),
    ).toEqual([
      "route",
      "add",
      "172.16.0.0",
      "mask",
      "255.240.0.0",
      "0.0.0.0",
      "metric",
      "10",
      "IF",
      "14",
      "-p",
    ]);
  });

  it("deletes by destination, mask and gateway", () => {
    expect(
      routeExeArgv(
        {
          action: "delete",
          destination: "10.0.0.0/8",
          gateway: "192.168.1.254",
          interface: "int",
          persistent: true,
        },
        modern,
      ),
    ).toEqual(["route", "delete", "10.0.0.0", "mask", "255.0.0.0", "192.168.1.254"]);
    expect(
      routeExeArgv(
        { action: "delete", destination: "10.0.0.0/8", gateway: null, interface: "int", persistent: false },
        modern,
      ),
    ).toEqual(["route", "delete", "10.0.0.0", "mask", "255.0.0.0", "IF", "14"]);
  });

  it.each([
    ["a shell metacharacter in the gateway", add({ gateway: "192.168.1.254;reboot" }), "gateway"],
    ["a gateway with a trailing command", add({ gateway: "192.168.1.254 & shutdown /s" }), "gateway"],
    ["host bits in the destination", add({ destination: "10.0.0.1/8" }), "destination"],
    ["a card the host does not have", add({ interface: "0x10009" }), "interface"],
    ["metric 0, below route.exe's range", add({ metric: 0 }), "metric"],
    ["a card whose index is unknown", add({ interface: "192.168.1.12" }), "interface"],
    ["an IPv6 route", add({ destination: "2001:db8::/32", gateway: "fe80::1" }), "destination"],
  ])("refuses %s", (_what, change, field) => {
    const run = () => routeExeArgv(change, cards);
    expect(run).toThrow(ValidationError);
    try {
      run();
    } catch (e) {
      expect((e as ValidationError).field).toBe(field);
    }
  });
});

describe("powershellRouteArgv", () => {
  it("New-NetRoute for a persistent route writes both stores (no -PolicyStore)", () => {
    expect(powershellRouteArgv(add(), modern)).toEqual([
      "powershell.exe",
      "-NoProfile",
      "-NonInteractive",
      "-Command",
      "New-NetRoute",
      "-DestinationPrefix",
      "10.0.0.0/8",
      "-InterfaceIndex",
      "14",
      "-NextHop",
      "192.168.1.254",
      "-RouteMetric",
      "10",
      "-ErrorAction",
      "Stop",
    ]);
  });

  it("New-NetRoute for a temporary route uses -PolicyStore ActiveStore", () => {
    const argv = powershellRouteArgv(add({ persistent: false, metric: undefined }), modern);
    expect(argv.slice(POWERSHELL_COMMAND.length)).toEqual([
      "New-NetRoute",
      "-DestinationPrefix",
      "10.0.0.0/8",
      "-InterfaceIndex",
      "14",
      "-NextHop",
      "192.168.1.254",
      "-PolicyStore",
      "ActiveStore",
      "-ErrorAction",
      "Stop",
    ]);
  });

  it("New-NetRoute on-link IPv6 uses :: as next hop", () => {
    const v6: NetInterface[] = [{ index: 12, name: "ext", addresses: [], up: true }];
    const argv = powershellRouteArgv(
      add({ destination: "2001:db8::/32", gateway: null, interface: "12", metric: undefined }),
      v6,
    );
    expect(argv).toContain("::");
    expect(argv).toContain("2001:db8::/32");
  });

  it("Remove-NetRoute with -Confirm:$false", () => {
    expect(
      powershellRouteArgv(
        {
          action: "delete",
          destination: "10.0.0.0/8",
          gateway: "192.168.1.254",
          interface: "int",
          persistent: true,
        },
        modern,
      ),
    ).toEqual([
      "powershell.exe",
      "-NoProfile",
      "-NonInteractive",
      "-Command",
      "Remove-NetRoute",
      "-DestinationPrefix",
      "10.0.0.0/8",
      "-InterfaceIndex",
      "14",
      "-NextHop",
      "192.168.1.254",
      "-Confirm:$false",
      "-ErrorAction",
      "Stop",
    ]);
  });

  it("refuses '192.168.1.254;reboot' and a route without a card", () => {
    expect(() => powershellRouteArgv(add({ gateway: "192.168.1.254;reboot" }), modern)).toThrow(
      ValidationError,
    );
    expect(() => powershellRouteArgv(add({ interface: null }), modern)).toThrow(/needs the card/);
  });

  it("puts the canonical forms in the argv, not the typed text", () => {
    const v6: NetInterface[] = [{ index: 12, name: "ext", addresses: [], up: true }];
    const argv = powershellRouteArgv(
      add({ destination: " 2001:DB8:0::/32 ", gateway: "FE80:0::1", interface: "ext" }),
      v6,
    );
    expect(argv).toContain("2001:db8::/32");
    expect(argv).toContain("fe80::1");
    expect(argv.every((a) => a === a.trim() && !/[;&|<>`]/.test(a))).toBe(true);
  });
});
