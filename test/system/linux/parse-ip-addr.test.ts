import { describe, expect, it } from "vitest";
import { parseIpAddrJson } from "../../../src/system/linux/parse-ip-addr.js";
import { captured, jsonLength } from "./fixtures.js";

describe("parseIpAddrJson", () => {
  const text = captured("ip-json-addr.json");
  const { interfaces, warnings, error } = parseIpAddrJson(text);

  it("reads every card of a real capture", () => {
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(interfaces).toHaveLength(jsonLength(text));
    expect(interfaces.map((i) => i.name)).toEqual(["lo", "eth2", "eth1"]);
  });

  it("marks secondary addresses as not primary and keeps IPv6", () => {
    const eth1 = interfaces.find((i) => i.name === "eth1");
    expect(eth1?.index).toBe(3);
    expect(eth1?.description).toBe("enp0s8");
    expect(eth1?.mac).toBe("de:6f:1f:11:e0:d1");
    expect(eth1?.up).toBe(true);
    expect(eth1?.addresses.map((a) => [a.address, a.prefixLen, a.family, a.primary])).toEqual([
      ["192.168.1.10", 24, 4, true],
      ["192.168.1.20", 24, 4, false],
      ["2001:db8:1::10", 64, 6, true],
      ["fe80::dc6f:1fff:fe11:e0d1", 64, 6, true],
    ]);
    // Link-local still in duplicate address detection: never a source.
    expect(eth1?.addresses[3]?.skipAsSource).toBe(true);
    expect(eth1?.addresses[0]?.skipAsSource).toBeUndefined();
  });

  it("IPv6 flags that source selection needs: tentative is never a source, deprecated and temporary are marked", () => {
    // As iproute2 6.1 printed them (`ip -6 addr add 2001:db8::2/64 dev va nodad preferred_lft 0`);
    // "temporary" is how it spells IFA_F_TEMPORARY for IPv6.
    const text = JSON.stringify([
      {
        ifindex: 3,
        ifname: "va",
        flags: ["UP", "LOWER_UP"],
        operstate: "UP",
        addr_info: [
          { family: "inet6", local: "fd00::1", prefixlen: 64, scope: "global", tentative: true },
          {
            family: "inet6",
            local: "2001:db8::2",
            prefixlen: 64,
            scope: "global",
            nodad: true,
            deprecated: true,
          },
          {
            family: "inet6",
            local: "2001:db8::3",
            prefixlen: 64,
            scope: "global",
            temporary: true,
            dynamic: true,
          },
        ],
      },
    ]);
    const [card] = parseIpAddrJson(text).interfaces;
    expect(card?.addresses.map((a) => [a.address, !!a.skipAsSource, !!a.deprecated, !!a.temporary])).toEqual([
      ["fd00::1", true, false, false],
      ["2001:db8::2", false, true, false],
      ["2001:db8::3", false, false, true],
    ]);
  });

  it("loopback has no MAC and is up", () => {
    const lo = interfaces.find((i) => i.name === "lo");
    expect(lo?.mac).toBeUndefined();
    expect(lo?.up).toBe(true);
    expect(lo?.addresses.map((a) => a.address)).toEqual(["127.0.0.1", "::1"]);
  });

  it("an administratively up card without carrier is down", () => {
    const t = JSON.stringify([
      { ifindex: 7, ifname: "va", flags: ["NO-CARRIER", "UP"], operstate: "LOWERLAYERDOWN", addr_info: [] },
    ]);
    expect(parseIpAddrJson(t).interfaces[0]?.up).toBe(false);
  });

  it("reports, without throwing, output that is not JSON or entries it cannot read", () => {
    expect(parseIpAddrJson('Object "addr" is unknown, try "ip help".').error).toMatch(/not valid JSON/);
    expect(parseIpAddrJson("{}").error).toMatch(/JSON list/);
    const odd = parseIpAddrJson(
      JSON.stringify([
        5,
        { ifname: "x" },
        { ifindex: 2, ifname: "e", addr_info: [{ family: "inet", local: "300.1.1.1", prefixlen: 24 }] },
      ]),
    );
    expect(odd.interfaces.map((i) => i.name)).toEqual(["e"]);
    expect(odd.interfaces[0]?.addresses).toEqual([]);
    expect(odd.warnings).toHaveLength(3);
    expect(parseIpAddrJson("")).toEqual({ interfaces: [], warnings: [] });
  });
});
