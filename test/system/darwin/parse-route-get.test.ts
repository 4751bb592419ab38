import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRouteGet } from "../../../src/system/darwin/parse-route-get.js";
import { realFiles } from "../windows/fixtures.js";

const ALL = realFiles("darwin", "route-n-get");

describe("parseRouteGet on every real capture", () => {
  it.each(ALL)("%s: destination, interface and flags read without warnings", (_n, text) => {
    const r = parseRouteGet(text);
    expect(r.warnings).toEqual([]);
    expect(r.destination).toMatch(/\/\d+$/);
    expect(r.interface).toMatch(/^[a-z]+\d+$/);
    expect(r.flags).toContain("UP");
    expect(r.gateway !== null).toBe(r.flags.includes("GATEWAY"));
  });
});

describe("parseRouteGet values", () => {
  it.each([
    [
      "cn-blog-host-via-default.txt",
      { routeTo: "124.196.81.174", destination: "0.0.0.0/0", gateway: "192.168.0.1", interface: "en0" },
    ],
    [
      "egress-guard-default-utun4-singbox.txt",
      { destination: "0.0.0.0/0", gateway: null, interface: "utun4" },
    ],
    [
      "pistol-rs-bridge101-onlink.txt",
      { destination: "192.168.5.0/24", gateway: null, interface: "bridge101" },
    ],
  ])("%s", (file, expected) => {
    const [, text] = ALL.find(([n]) => n === file) ?? ["", ""];
    expect(parseRouteGet(text)).toMatchObject(expected);
  });

  it("reads IPv6 masks and the -v 'if address' line", () => {
    const text =
      "   route to: 2001:db8::5\ndestination: 2001:db8::\n       mask: ffff:ffff:ffff:ffff::\n    gateway: fe80::1%en0\n  interface: en0\n if address: 2001:db8::10\n      flags: <UP,GATEWAY,DONE>\n";
    expect(parseRouteGet(text)).toMatchObject({
      destination: "2001:db8::/64",
      gateway: "fe80::1",
      ifAddress: "2001:db8::10",
    });
  });

  it("never throws on garbage or cut text", () => {
    const text = ALL[0]?.[1] ?? "";
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat({ max: text.length }), (s, n) => {
        parseRouteGet(s);
        parseRouteGet(text.slice(0, n));
      }),
    );
    expect(parseRouteGet("route: writing to routing socket: not in table\n").destination).toBeNull();
  });
});
