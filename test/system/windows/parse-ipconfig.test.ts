import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIpconfig } from "../../../src/system/windows/parse-ipconfig.js";
import { fixture, lines, realFiles } from "./fixtures.js";

const ALL = [...realFiles("windows", "ipconfig-all"), ...realFiles("windows", "ipconfig")];

/** Independent rules: an adapter header is an unindented line with 'adapter' ending in ':'. */
const countAdapters = (t: string) => lines(t).filter((l) => /^\S.*[\s-]adapter\s.*:\s*$/i.test(l)).length;
/** An IPv4 address line is a key naming IP/IPv4 'Address'/'Adresse' whose value starts with a digit. */
const countV4 = (t: string) =>
  lines(t).filter((l) => /^\s+(Autoconfiguration )?IP(v4)?[ -]Ad(dress|resse)[ .]*:\s*\d/.test(l)).length;

describe("parseIpconfig on every real capture", () => {
  it.each(ALL)("%s: every adapter and IPv4 address kept", (_name, text) => {
    const r = parseIpconfig(text);
    expect(r.interfaces).toHaveLength(countAdapters(text));
    expect(r.interfaces.flatMap((i) => i.addresses.filter((a) => a.family === 4))).toHaveLength(
      countV4(text),
    );
    expect(r.warnings).toEqual([]);
    expect(new Set(r.interfaces.map((i) => i.name)).size).toBe(r.interfaces.length);
  });
});

describe("parseIpconfig values", () => {
  it("reads the XP layout ('IP Address' + 'Subnet Mask')", () => {
    const r = parseIpconfig(fixture("real", "windows", "ipconfig-all", "jc-winxp.txt"));
    expect(r.host).toBe("DESKTOP-PC4");
    expect(r.interfaces).toEqual([
      {
        index: 0,
        name: "Local Area Connection",
        description: "Intel(R) PRO/1000 MT Network Connection",
        mac: "00:0c:29:25:b6:4d",
        addresses: [{ address: "192.168.22.135", prefixLen: 24, family: 4, primary: true }],
        up: true,
      },
    ]);
    expect(r.gateways["Local Area Connection"]).toEqual(["192.168.22.1"]);
  });

  it("reads '(Preferred)', the index from the link-local %zone, two gateway lines, disconnected adapters", () => {
    const r = parseIpconfig(fixture("real", "windows", "ipconfig-all", "htb-devel-win7.txt"));
    const lan = r.interfaces[0];
    expect(lan).toMatchObject({ name: "Local Area Connection 3", index: 15, up: true });
    expect(lan?.addresses.map((a) => `${a.address}/${a.prefixLen}`)).toEqual([
      "dead:beef::58c0:f1cf:abc6:bb9e/64",
      "dead:beef::bc80:758f:edf7:1ead/64",
      "fe80::58c0:f1cf:abc6:bb9e/64",
      "10.10.10.5/24",
    ]);
    expect(r.gateways["Local Area Connection 3"]).toEqual(["fe80::250:56ff:feb9:6ca8", "10.10.10.2"]);
    expect(r.interfaces[1]).toMatchObject({
      name: "isatap.{C57F02F8-DF4F-40EE-BC21-A206B3F501E4}",
      up: false,
    });
  });

  it("keeps a description's parentheses and reads 'Unknown adapter'", () => {
    const r = parseIpconfig(fixture("real", "windows", "ipconfig-all", "jc-win10.txt"));
    expect(r.interfaces.map((i) => i.name)).toEqual([
      "Tailscale",
      "Ethernet 2",
      "Bluetooth Network Connection",
    ]);
    expect(r.interfaces[2]?.description).toBe("Bluetooth Device (Personal Area Network)");
    expect(r.interfaces[0]?.addresses).toContainEqual({
      address: "100.115.71.66",
      prefixLen: 32,
      family: 4,
      primary: true,
    });
  });

  it("reads plain ipconfig with an APIPA address and a German capture", () => {
    const wifi = parseIpconfig(fixture("real", "windows", "ipconfig", "amrita-win11-apipa-ipv6.txt"))
      .interfaces[2];
    expect(wifi).toMatchObject({ name: "Wi-Fi", index: 13 });
    expect(wifi?.addresses).toContainEqual(
      expect.objectContaining({ address: "169.254.104.145", prefixLen: 16 }),
    );
    const de = parseIpconfig(fixture("real", "windows", "ipconfig", "de-libcpp-comment-vmware.txt"));
    expect(de.interfaces.map((i) => [i.name, i.up])).toEqual([
      ["LAN-Verbindung* 1", false],
      ["LAN-Verbindung* 2", false],
      ["VMware Network Adapter VMnet1", true],
      ["VMware Network Adapter VMnet8", true],
    ]);
    expect(de.interfaces[3]?.addresses).toContainEqual(
      expect.objectContaining({ address: "192.168.19.1", prefixLen: 24 }),
    );
  });

  it("reads several addresses per card, each with its own mask, and 'Register with DNS'", () => {
    const text = [
      "Ethernet adapter int:",
      "",
      "   IP Address. . . . . . . . . . . . : 192.168.1.11",
      "   Subnet Mask . . . . . . . . . . . : 255.255.255.0",
      "   IP Address. . . . . . . . . . . . : 10.9.8.7",
      "   Subnet Mask . . . . . . . . . . . : 255.0.0.0",
      "   Register with DNS . . . . . . . . : No",
    ].join("\r\n");
    const [card] = parseIpconfig(text).interfaces;
    expect(card?.addresses.map((a) => `${a.address}/${a.prefixLen}`)).toEqual([
      "192.168.1.11/24",
      "10.9.8.7/8",
    ]);
    expect(card?.dnsRegister).toBe(false);
  });
});

describe("story captures", () => {
  it.each([
    ["ws2003-ipconfig-all.txt", "SRV-EDGE01", 0, 0],
    ["ws2019-ipconfig-all.txt", "SRV-EDGE19", 12, 14],
  ])("%s: ext and int on one subnet, one default gateway", (file, host, extIndex, intIndex) => {
    const r = parseIpconfig(fixture("story", file));
    expect(r.host).toBe(host);
    const ext = r.interfaces.find((i) => i.name === "ext");
    const int = r.interfaces.find((i) => i.name === "int");
    expect(ext?.addresses).toContainEqual({
      address: "192.168.1.10",
      prefixLen: 24,
      family: 4,
      primary: true,
    });
    expect(int?.addresses).toContainEqual({
      address: "192.168.1.11",
      prefixLen: 24,
      family: 4,
      primary: true,
    });
    expect([ext?.index, int?.index]).toEqual([extIndex, intIndex]);
    expect(r.gateways).toEqual({ ext: ["192.168.1.1"], int: [] });
  });
});

describe("garbage and truncated input", () => {
  it("never throws on any prefix of a real capture", () => {
    const texts = ALL.map(([, t]) => t);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (i, at) => {
          const t = texts[i] ?? "";
          expect(parseIpconfig(t.slice(0, Math.floor(t.length * at))).interfaces.length).toBeLessThanOrEqual(
            countAdapters(t),
          );
        },
      ),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void parseIpconfig(s)));
  });
});
