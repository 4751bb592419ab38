// Every width from 60 to 200 columns with real card names (Windows' long and
// Japanese defaults, Linux's 15-byte names, emoji): no line is wider than the
// terminal, the pane borders stand in straight columns, and the cell that says
// which card a flow leaves by and which it should use is whole.
import { afterAll, describe, expect, it } from "vitest";
import { nameDemoCards } from "../../src/system/simulated/demo-host.js";
import { expectStraight } from "./frame-checks.js";
import { analysisOf, demoSnapshot, renderApp } from "./helpers.js";

const NAMES: [string, string][] = [
  ["Ethernet", "Ethernet 2"],
  ["enp0s31f6abcdef", "ens192longname1"],
  ["イーサネット", "イーサネット 2"],
  ["🌐 wan", "🏢 lan"],
];

afterAll(() => nameDemoCards("ext", "int"));

describe.each(NAMES)("cards %s / %s", (ext, int) => {
  it("every width from 60 to 200: lines fit, borders straight, ext→int whole", async () => {
    nameDemoCards(ext, int);
    const analysis = analysisOf(await demoSnapshot());
    nameDemoCards("ext", "int");
    for (let columns = 60; columns <= 200; columns++) {
      const app = await renderApp({ columns, rows: 30, analysis });
      const frame = app.frame();
      app.unmount();
      const at = `${columns} columns`;
      expectStraight(frame, columns, at);
      const lines = frame.split("\n");
      const wrong = lines.filter((l) => l.includes("│✗"));
      expect(wrong.length, at).toBeGreaterThan(0);
      for (const l of wrong) expect(l, at).toContain(`${ext}→${int} wrong NIC`);
    }
  });
});
