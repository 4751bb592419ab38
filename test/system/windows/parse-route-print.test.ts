// parseRoutePrint on every real route print and netstat -rn capture (no row
// lost), and on truncated or arbitrary text (never throws).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRoutePrint } from "../../../src/system/windows/parse-route-print.js";
import { lines, realFiles } from "./fixtures.js";

const ALL = [...realFiles("windows", "route-print"), ...realFiles("windows", "netstat-rn")];

/** Independent rule: a route row starts with two dotted quads (IPv4) or with "If Metric x:y" (IPv6). */
function countRows(text: string): number {
  return lines(text).filter(
    (l) => /^\s*\d+(\.\d+){3}\s+\d+(\.\d+){3}\s/.test(l) || /^\s*\d+\s+\d+\s+[0-9a-f]*:[0-9a-f:./]*/i.test(l),
  ).length;
}

describe("parseRoutePrint on every real capture", () => {
  it.each(ALL)("%s: no row lost", (_name, text) => {
    const r = parseRoutePrint(text);
    expect(r.routes.length + r.persistent.length).toBe(countRows(text));
    expect(r.warnings).toEqual([]);
    for (const route of [...r.routes, ...r.persistent]) expect(route.destination).toMatch(/\/\d+$/);
  });

  it.each(ALL)("%s: interface list entries are counted", (_name, text) => {
    const listed = lines(text).filter((l) => /^\s*(0x[0-9a-f]+|\d+)\s*\.\.\./i.test(l)).length;
    expect(parseRoutePrint(text).interfaces).toHaveLength(listed);
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
          const r = parseRoutePrint(t.slice(0, Math.floor(t.length * at)));
          expect(r.routes.length + r.persistent.length).toBeLessThanOrEqual(countRows(t));
        },
      ),
    );
  });

  it("never throws on arbitrary text and reports digit-bearing junk", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void parseRoutePrint(s)));
    expect(parseRoutePrint("hello 42 world\n").warnings).toHaveLength(1);
  });
});
