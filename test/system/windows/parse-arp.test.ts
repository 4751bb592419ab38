import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseArpA } from "../../../src/system/windows/parse-arp.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/windows-arp/${name}`, import.meta.url), "utf8");

describe("parseArpA", () => {
  it("reads one section per card with its address and hex index", () => {
    const r = parseArpA(fixture("arp-a-two-cards.txt"));
    expect(r.warnings).toEqual([]);
    expect(r.sections.map((s) => [s.interfaceAddress, s.ifIndex, s.entries.length])).toEqual([
      ["192.168.1.10", 3, 3],
      ["192.168.1.11", 4, 5],
    ]);
    expect(r.sections[1]?.entries[1]).toEqual({
      address: "192.168.1.254",
      mac: "00:15:5d:01:0a:fe",
      type: "dynamic",
    });
  });

  it("reads localized headers by their shape (Polish)", () => {
    const r = parseArpA(fixture("arp-a-polish.txt"));
    expect(r.warnings).toEqual([]);
    expect(r.sections[1]?.entries).toEqual([
      { address: "192.168.1.254", mac: "00:15:5d:01:0a:fe", type: "dynamiczne" },
    ]);
  });

  it("an unknown line is a warning, never a throw; rows before any header are not kept", () => {
    const r = parseArpA(
      "10.0.0.1   aa-bb-cc-dd-ee-ff   dynamic\r\nInterface: 10.0.0.5 --- 0xb\r\n  cols\r\n  garbage here\r\nNo ARP Entries Found.\r\n",
    );
    expect(r.sections).toEqual([{ interfaceAddress: "10.0.0.5", ifIndex: 11, entries: [] }]);
    expect(r.warnings).toHaveLength(2);
  });
});
