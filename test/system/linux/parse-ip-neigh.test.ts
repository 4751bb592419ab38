import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIpNeighJson } from "../../../src/system/linux/parse-ip-neigh.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/linux-neigh/${name}`, import.meta.url), "utf8");

describe("parseIpNeighJson on real captures", () => {
  it("names rows by the card asked for when ip leaves `dev` out", () => {
    const r = parseIpNeighJson(fixture("ip-json-neigh-dev-eth0.json"), "eth0");
    expect(r.warnings).toEqual([]);
    expect(r.neighbours).toEqual([
      { address: "192.168.1.1", mac: "9e:de:92:7c:ef:d6", card: "eth0", state: "REACHABLE", router: false },
      { address: "192.168.1.254", mac: "62:f1:7a:7b:1c:81", card: "eth0", state: "REACHABLE", router: false },
      { address: "192.168.1.77", mac: null, card: "eth0", state: "FAILED", router: false },
    ]);
  });

  it("takes each row's own dev when the whole table was dumped", () => {
    const r = parseIpNeighJson(fixture("ip-json-neigh.json"), "ignored");
    expect(r.neighbours.map((n) => `${n.card} ${n.address}`)).toEqual([
      "eth0 192.168.1.1",
      "eth0 192.168.1.254",
      "eth0 192.168.1.77",
    ]);
  });

  it("an empty table is no neighbour and no warning", () => {
    expect(parseIpNeighJson(fixture("ip-json-neigh-dev-eth1-empty.json"), "eth1")).toEqual({
      neighbours: [],
      warnings: [],
    });
    expect(parseIpNeighJson("", "eth1").neighbours).toEqual([]);
  });
});

describe("parseIpNeighJson on bad input", () => {
  it("says when the text is not JSON instead of throwing", () => {
    const r = parseIpNeighJson("192.168.1.1 dev eth0 lladdr 9e:de:92:7c:ef:d6 REACHABLE", "eth0");
    expect(r.neighbours).toEqual([]);
    expect(r.error).toMatch(/no JSON/);
  });

  it("skips rows without an address, with a warning, and keeps the rest", () => {
    const r = parseIpNeighJson(
      '[{"lladdr":"aa:bb:cc:dd:ee:ff"},{"dst":"10.0.0.1","lladdr":"AA:BB:CC:DD:EE:01","state":["STALE"],"router":null}]',
      "eth0",
    );
    expect(r.warnings).toHaveLength(1);
    expect(r.neighbours).toEqual([
      { address: "10.0.0.1", mac: "aa:bb:cc:dd:ee:01", card: "eth0", state: "STALE", router: true },
    ]);
  });

  it("a row with no card to name is skipped", () => {
    const r = parseIpNeighJson('[{"dst":"10.0.0.1","lladdr":"aa:bb:cc:dd:ee:01","state":["STALE"]}]');
    expect(r.neighbours).toEqual([]);
    expect(r.warnings[0]).toMatch(/skipped/);
  });
});
