// The Linux backend's changeArgv: the exact ip route argv for a change, and
// what it refuses.
import { describe, expect, it } from "vitest";
import type { NetInterface, RouteChange } from "../../../src/core/model.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { createLinuxPlatform } from "../../../src/system/linux/linux-platform.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { proc } from "./support/proc-sysctls.js";

describe("changeArgv", () => {
  const cards: NetInterface[] = [
    { index: 3, name: "eth0", addresses: [{ address: "192.168.1.10", prefixLen: 24, family: 4 }], up: true },
    { index: 4, name: "eth1", addresses: [{ address: "192.168.1.11", prefixLen: 24, family: 4 }], up: true },
  ];
  const p = createLinuxPlatform(new FakeRunner(), { readFile: proc, hostname: "h", isRoot: true });
  const change = (c: Partial<RouteChange>): RouteChange => ({
    action: "add",
    destination: "10.0.0.0/8",
    gateway: "192.168.1.254",
    interface: "eth1",
    metric: 10,
    persistent: false,
    ...c,
  });
  const argv = (c: Partial<RouteChange>) => p.changeArgv?.(change(c), cards);

  it("adds an interface-pinned route", () => {
    expect(argv({})).toEqual([
      "ip",
      "route",
      "add",
      "10.0.0.0/8",
      "via",
      "192.168.1.254",
      "dev",
      "eth1",
      "metric",
      "10",
    ]);
  });

  it("deletes, with or without gateway, card and metric", () => {
    const del = "ip route del 10.0.0.0/8 via 192.168.1.254 dev eth1 metric 10".split(" ");
    expect(argv({ action: "delete" })).toEqual(del);
    expect(argv({ action: "delete", gateway: null, interface: null, metric: undefined })).toEqual([
      "ip",
      "route",
      "del",
      "10.0.0.0/8",
    ]);
  });

  it("finds the card by index or address, and writes its name", () => {
    expect(argv({ interface: "4", metric: undefined })).toEqual([
      "ip",
      "route",
      "add",
      "10.0.0.0/8",
      "via",
      "192.168.1.254",
      "dev",
      "eth1",
    ]);
    expect(argv({ interface: "192.168.1.10", gateway: null })?.slice(-4)).toEqual([
      "dev",
      "eth0",
      "metric",
      "10",
    ]);
  });

  it("a table other than main is named; main is the default and needs no word", () => {
    expect(argv({ table: "100", metric: undefined })?.slice(-2)).toEqual(["table", "100"]);
    expect(argv({ table: "vpn", action: "delete", metric: undefined })?.slice(-2)).toEqual(["table", "vpn"]);
    for (const main of ["main", "254", ""])
      expect(argv({ table: main, metric: undefined })).not.toContain("table");
  });

  it("refuses a table that is not a table for routes, or has a command in it", () => {
    for (const bad of ["local", "255", "0", "4294967296", "100;reboot", "-1", "a b", "1e3"])
      expect(() => argv({ table: bad }), bad).toThrow(/table/);
  });

  it("uses -6 for IPv6", () => {
    expect(argv({ destination: "2001:db8::/32", gateway: "fe80::1", metric: undefined })).toEqual(
      "ip -6 route add 2001:db8::/32 via fe80::1 dev eth1".split(" "),
    );
  });

  it("refuses a gateway with a command in it, a card the host lacks, host bits and bad metrics", () => {
    expect(() => argv({ gateway: "192.168.1.254;reboot" })).toThrow(ValidationError);
    expect(() => argv({ interface: "eth7" })).toThrow(/no card "eth7"/);
    expect(() => argv({ interface: "eth1; reboot" })).toThrow(ValidationError);
    expect(() => argv({ destination: "10.1.0.0/8" })).toThrow(/host bits/);
    expect(() => argv({ destination: "10.0.0.0/8 dev eth0" })).toThrow(ValidationError);
    expect(() => argv({ metric: -1 })).toThrow(/metric/);
  });
});
