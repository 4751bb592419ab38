import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIfconfig } from "../../../src/system/darwin/parse-ifconfig.js";
import { fixture } from "../windows/fixtures.js";

describe("parseIfconfig (hand-written macOS layout, see test/fixtures/darwin-ifconfig/README.md)", () => {
  it("reads cards, hex netmasks, scopeid indexes, inactive status", () => {
    const r = parseIfconfig(fixture("darwin-ifconfig", "macos-two-nics.txt"));
    expect(r.warnings).toEqual([]);
    expect(r.interfaces.map((i) => [i.name, i.index, i.up])).toEqual([
      ["lo0", 1, true],
      ["gif0", 0, false],
      ["stf0", 0, false],
      ["en0", 14, true],
      ["en1", 0, false],
      ["en7", 0, true],
    ]);
    expect(r.interfaces[3]).toMatchObject({
      mac: "3c:22:fb:0a:10:20",
      addresses: [
        { address: "fe80::1c8a:2bd3:7a4e:9b1f", prefixLen: 64, family: 6, scope: "link" },
        { address: "192.168.1.20", prefixLen: 24, family: 4, primary: true },
      ],
    });
    expect(r.interfaces[0]?.addresses.map((a) => `${a.address}/${a.prefixLen}`)).toEqual([
      "127.0.0.1/8",
      "::1/128",
      "fe80::1/64",
    ]);
  });

  it("never throws on garbage", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        (s) => void parseIfconfig(`en0: flags=8863<UP> mtu 1500\n\t${s}`),
      ),
    );
  });
});
