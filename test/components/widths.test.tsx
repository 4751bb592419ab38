// Every width from 60 to 200 columns with real card names (Windows' long and
// Japanese defaults, Linux's 15-byte names, emoji): no line is wider than the
// terminal, the pane borders stand in straight columns, and the cell that says
// which card a flow leaves by and which it should use is whole.
import { afterAll, describe, expect, it } from "vitest";
import { widthOf } from "../../src/components/text-cells.js";
import { nameDemoCards } from "../../src/system/simulated/demo-host.js";
import { analysisOf, demoSnapshot, renderApp } from "./helpers.js";

const NAMES: [string, string][] = [
  ["Ethernet", "Ethernet 2"],
  ["enp0s31f6abcdef", "ens192longname1"],
  ["イーサネット", "イーサネット 2"],
  ["🌐 wan", "🏢 lan"],
];

const BORDER = /[│┌┐└┘]/u;

/** Display columns where a border character stands on this line. */
function borderColumns(line: string): number[] {
  const out: number[] = [];
  let col = 0;
  for (const ch of line) {
    if (BORDER.test(ch)) out.push(col);
    col += widthOf(ch);
  }
  return out;
}

afterAll(() => nameDemoCards("ext", "int"));

describe.each(NAMES)("cards %s / %s", (ext, int) => {
  it("every width from 60 to 200: lines fit, borders straight, ext→int whole", async () => {
    nameDemoCards(ext, int);
    const analysis = analysisOf(await demoSnapshot());
    nameDemoCards("ext", "int");
    for (let columns = 60; columns <= 200; columns++) {
      const app = await renderApp({ columns, rows: 30, analysis });
      const lines = app.frame().split("\n");
      app.unmount();
      const at = `${columns} columns`;
      for (const l of lines) expect(widthOf(l), `${at}: ${l}`).toBeLessThanOrEqual(columns);
      // Each pane: its top edge's corners are where every one of its lines has its borders.
      let edges: number[] | null = null;
      for (const l of lines) {
        const cols = borderColumns(l);
        if (l.includes("┌")) edges = cols;
        else if (edges && cols.length > 0) expect(cols, `${at}: ${l}`).toEqual(edges);
        if (l.includes("└")) edges = null;
      }
      const wrong = lines.filter((l) => l.includes("│✗"));
      expect(wrong.length, at).toBeGreaterThan(0);
      for (const l of wrong) expect(l, at).toContain(`${ext}→${int} wrong NIC`);
    }
  });
});
