import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cardsFromRoutes, linkIndexes } from "../../../src/system/darwin/cards-from-routes.js";
import { parseNetstatRn, prefixOf } from "../../../src/system/darwin/parse-netstat-rn.js";
import { fixture, lines, realFiles } from "../windows/fixtures.js";

const ALL = realFiles("darwin", "netstat-rn");

/** Independent rule: every non-blank line that is not a title or a column header is a table row. */
const countRows = (t: string) =>
  lines(t).filter((l) => l.trim() !== "" && !/^(Routing tables|Internet6?:|Destination\s)/.test(l.trim()))
    .length;

describe("parseNetstatRn on every real capture (macOS and BSD)", () => {
  it.each(ALL)("%s: no row lost (routes + unreadable rows)", (_n, text) => {
    const r = parseNetstatRn(text);
    expect(r.routes.length + r.unparsed.length).toBe(countRows(text));
    expect(r.rows).toHaveLength(countRows(text));
  });

  it.each(ALL.filter(([n]) => !n.includes("names")))("%s: with -n every row is read", (_n, text) => {
    expect(parseNetstatRn(text).unparsed).toEqual([]);
  });
});

describe("parseNetstatRn values", () => {
  it("expands BSD short prefixes", () => {
    expect(prefixOf("127", 4)).toBe("127.0.0.0/8");
    expect(prefixOf("169.254", 4)).toBe("169.254.0.0/16");
    expect(prefixOf("192.168.1", 4)).toBe("192.168.1.0/24");
    expect(prefixOf("172.31.16/20", 4)).toBe("172.31.16.0/20");
    expect(prefixOf("224.0.0/4", 4)).toBe("224.0.0.0/4");
    expect(prefixOf("10.0.0.1", 4)).toBe("10.0.0.1/32");
    expect(prefixOf("fe80::%en0/64", 6)).toBe("fe80::/64");
    expect(prefixOf("default", 6)).toBe("::/0");
    expect(prefixOf("kellys-iphone.attl", 4)).toBeNull();
  });

  it("macOS: link#N and MAC gateways are on-link, G gateways kept, flags give the type", () => {
    const r = parseNetstatRn(fixture("real", "darwin", "netstat-rn", "jc-macos10146-rnl.txt"));
    expect(r.routes[0]).toMatchObject({
      destination: "0.0.0.0/0",
      gateway: "192.168.1.254",
      interface: "en0",
      protocol: "static",
    });
    expect(r.routes).toContainEqual(
      expect.objectContaining({ destination: "192.168.1.0/24", gateway: null, interface: "en0" }),
    );
    expect(r.routes).toContainEqual(
      expect.objectContaining({ destination: "192.168.1.64/32", gateway: null, type: "unicast" }),
    );
    expect(r.routes).toContainEqual(
      expect.objectContaining({ destination: "192.168.1.221/32", interface: "lo0", type: "local" }),
    );
    expect(r.routes).toContainEqual(
      expect.objectContaining({ destination: "192.168.1.255/32", type: "broadcast" }),
    );
    expect(r.routes).toContainEqual(
      expect.objectContaining({
        destination: "::/0",
        gateway: "fe80::feae:34ff:fea1:3a80",
        interface: "en0",
        family: 6,
      }),
    );
    expect(r.routes.filter((x) => x.destination === "::/0" && x.gateway === "fe80::")).toHaveLength(4);
  });

  it("NetBSD: '127/8' reject route, MAC gateway, the 'Interface' column", () => {
    const r = parseNetstatRn(fixture("real", "darwin", "netstat-rn", "netbsd-jackpal-evidence-ena0.txt"));
    expect(r.routes[1]).toMatchObject({
      destination: "127.0.0.0/8",
      gateway: "127.0.0.1",
      type: "unreachable",
      interface: "lo0",
    });
    expect(r.routes).toContainEqual(
      expect.objectContaining({ destination: "172.31.16.0/20", gateway: null, interface: "ena0" }),
    );
    expect(r.routes).toContainEqual(expect.objectContaining({ destination: "::7f00:0/104", family: 6 }));
  });

  it("without -n: names and 18-character stumps are kept aside, localhost is read", () => {
    const r = parseNetstatRn(fixture("real", "darwin", "netstat-rn", "freebsd12-jc-r-names.txt"));
    expect(r.routes).toContainEqual(
      expect.objectContaining({ destination: "127.0.0.1/32", interface: "lo0" }),
    );
    expect(r.unparsed).toContain("fe80::20c:29ff:fe1 link#1             UHS         lo0");
    expect(r.warnings.length).toBe(r.unparsed.length);
  });
});

describe("cards from the routing table", () => {
  it("FreeBSD: link#N gives the index, lo0 host rows give each card its addresses", () => {
    const cards = cardsFromRoutes(
      parseNetstatRn(fixture("real", "darwin", "netstat-rn", "freebsd-jackpal-ena0.txt")),
    );
    expect(cards.find((c) => c.name === "ena0")).toMatchObject({
      index: 1,
      addresses: [
        { address: "172.31.29.64", prefixLen: 20, family: 4, primary: true },
        { address: "fe80::4fc:21ff:feeb:60c5", prefixLen: 64, family: 6, scope: "link" },
      ],
    });
    expect(cards.find((c) => c.name === "lo0")?.index).toBe(2);
  });

  it("macOS, two cards on one subnet: the /32 link# row names the card of a lo0 address", () => {
    const rn = parseNetstatRn(fixture("darwin-ifconfig", "macos-two-nics-netstat-rn.txt"));
    expect(Object.fromEntries(linkIndexes(rn.rows))).toEqual({ en0: 14, en7: 21, lo0: 1 });
    const cards = cardsFromRoutes(rn);
    expect(cards.find((c) => c.name === "en0")?.addresses.map((a) => `${a.address}/${a.prefixLen}`)).toEqual([
      "192.168.1.20/24",
      "fe80::1c8a:2bd3:7a4e:9b1f/64",
    ]);
    expect(cards.find((c) => c.name === "en7")?.addresses.map((a) => `${a.address}/${a.prefixLen}`)).toEqual([
      "192.168.1.21/24",
    ]);
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
          const r = parseNetstatRn(t.slice(0, Math.floor(t.length * at)));
          cardsFromRoutes(r);
          expect(r.routes.length).toBeLessThanOrEqual(countRows(t));
        },
      ),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        (s) => void cardsFromRoutes(parseNetstatRn(`Internet:\nDestination Gateway Flags Netif\n${s}`)),
      ),
    );
  });
});
