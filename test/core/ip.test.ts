import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contains,
  formatAddr,
  lenToMask,
  maskToLen,
  normalizeAddr,
  normalizePrefix,
  parseAddr,
  parseIfIndex,
  parsePrefix,
  splitZone,
} from "../../src/core/ip.js";

describe("addresses", () => {
  it.each([
    ["192.168.1.10", "192.168.1.10"],
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["::ffff:10.1.1.20", "::ffff:a01:114"],
    ["::", "::"],
  ])("normalizes %s", (text, canonical) => {
    expect(normalizeAddr(text)).toBe(canonical);
  });

  it.each(["256.1.1.1", "1.2.3", "01.2.3.4", "192.168.1.254;reboot", "fe80::1%eth0", "1::2::3", "", "abc"])(
    "refuses %s",
    (text) => {
      expect(parseAddr(text)).toBeNull();
    },
  );

  it("round-trips any IPv4 and IPv6 value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => {
        const a = { family: 4 as const, v };
        expect(parseAddr(formatAddr(a))).toEqual(a);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (v) => {
        const a = { family: 6 as const, v };
        expect(parseAddr(formatAddr(a))).toEqual(a);
      }),
      { numRuns: 1000 },
    );
  });

  it("splits zones", () => {
    expect(splitZone("fe80::1%11")).toEqual({ address: "fe80::1", zone: "11" });
    expect(splitZone("10.0.0.1")).toEqual({ address: "10.0.0.1", zone: null });
  });
});

describe("prefixes", () => {
  it("canonicalizes and clears host bits unless strict", () => {
    expect(normalizePrefix("10.1.2.3/8")).toBe("10.0.0.0/8");
    expect(normalizePrefix("default")).toBe("0.0.0.0/0");
    expect(normalizePrefix("default", 6)).toBe("::/0");
    expect(normalizePrefix("10.1.1.20")).toBe("10.1.1.20/32");
    expect(parsePrefix("10.1.2.3/8", { strict: true })).toBeNull();
    expect(parsePrefix("10.0.0.0/33")).toBeNull();
    expect(parsePrefix("10.0.0.0/-1")).toBeNull();
  });

  it("contains", () => {
    expect(contains("10.0.0.0/8", "10.1.1.20")).toBe(true);
    expect(contains("10.0.0.0/8", "11.0.0.1")).toBe(false);
    expect(contains("0.0.0.0/0", "203.0.113.9")).toBe(true);
    expect(contains("0.0.0.0/0", "::1")).toBe(false);
    expect(contains("2001:db8::/32", "2001:db8:1::1")).toBe(true);
  });
});

describe("masks and interface indexes", () => {
  it("converts masks both ways", () => {
    for (let len = 0; len <= 32; len++) expect(maskToLen(lenToMask(len))).toBe(len);
    expect(lenToMask(8)).toBe("255.0.0.0");
    expect(maskToLen("255.255.255.0")).toBe(24);
    expect(maskToLen("255.0.255.0")).toBeNull();
    expect(() => lenToMask(33)).toThrow(RangeError);
  });

  it("reads decimal and hex indexes", () => {
    expect(parseIfIndex("0x10004")).toBe(65540);
    expect(parseIfIndex("12")).toBe(12);
    expect(parseIfIndex("0xZZ")).toBeNull();
    expect(parseIfIndex("eth0")).toBeNull();
  });
});
