// route.exe:  https://learn.microsoft.com/windows-server/administration/windows-commands/route_ws2008
//   "route [/f] [/p] [<command> [<destination>] [mask <netmask>] [<gateway>] [metric <metric>]] [if <interface>]]",
//   metric 1 to 9999; "if" takes a decimal or 0x hex index; /p with add stores the route in the registry.
import { describe, expect, it } from "vitest";
import type { NetInterface } from "../../../src/core/model.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { routeExeArgv } from "../../../src/system/windows/route-argv.js";
import { add, modern } from "./support/route-changes.js";

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
