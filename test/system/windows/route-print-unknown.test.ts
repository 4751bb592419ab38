// `route print` alone names a route's card by its address; when no listed card can
// be tied to it, its index is unknown (not 0), and a listed card nothing ties to is
// of unknown state (not "down"): nobody printed either.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analysisJson } from "../../../src/commands/json-contract.js";
import { analyze } from "../../../src/core/analyze.js";
import { snapshotFromSaved } from "../../../src/system/saved.js";

const story = readFileSync(
  path.resolve(import.meta.dirname, "../../fixtures/story/ws2019-route-print.txt"),
  "utf8",
);
// Without its IPv6 table nothing ties 192.168.1.10 / .11 to indexes 12 / 14.
const v4only = story.slice(0, story.indexOf("IPv6 Route Table"));

describe("route print alone", () => {
  it("cards known by address only: index unknown; listed cards without routes: state unknown", () => {
    const snap = snapshotFromSaved("windows", { routePrint: v4only }, { host: "saved", takenAt: 0 });
    const json = analysisJson(analyze(snap), () => null) as {
      interfaces: { name: string; index: number | null; up: boolean | string }[];
    };
    const by = (n: string) => json.interfaces.find((i) => i.name === n);
    expect(by("192.168.1.10")).toMatchObject({ index: null, up: true });
    expect(by("192.168.1.11")).toMatchObject({ index: null, up: true });
    expect(by("Microsoft Hyper-V Network Adapter")).toMatchObject({ index: 12, up: "unknown" });
    expect(by("Software Loopback Interface 1")).toMatchObject({ index: 1, up: true });
  });

  it("with the IPv6 table the cards are tied and their state is seen", () => {
    const snap = snapshotFromSaved("windows", { routePrint: story }, { host: "saved", takenAt: 0 });
    const cards = snap.interfaces.ok ? snap.interfaces.value : [];
    expect(cards.filter((c) => c.unknown).map((c) => c.name)).toEqual([]);
  });
});
