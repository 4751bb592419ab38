// s sorts the focused pane by its next column, S reverses; the title says how,
// the bottom edge says where the cursor is, and the counts match the rows shown.
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/core/model.js";
import { analysisOf, demoSnapshot, pollOk, renderApp, T0 } from "./helpers.js";

const rowsOf = (frame: string) => frame.split("\n").filter((l) => /│[✗✓!?][ *>-] /.test(l));
const remotes = (frame: string) =>
  rowsOf(frame)
    .map(
      (l) =>
        /│[✗✓!?][ *>-] +\S+ +(\S+)/.exec(
          l.slice(l.lastIndexOf("││") >= 0 ? l.lastIndexOf("││") + 1 : 0),
        )?.[1] ?? "",
    )
    .filter(Boolean);

describe("sorting and counts", () => {
  it("s cycles the Connections column, S reverses, the title says so; Routes sort on their own", async () => {
    const app = await renderApp({ columns: 200, rows: 50, analysis: analysisOf(await demoSnapshot()) });
    // The default: wrong NIC first.
    expect(rowsOf(app.frame())[0]).toContain("✗");
    expect(app.frame()).toMatch(/─ 1\/\d+ ─┘/);
    await app.type("ss");
    expect(app.store.getState().sort.connections.column).toBe("remote");
    expect(app.frame()).toContain("wrong NIC · by remote");
    const ascending = remotes(app.frame());
    expect(ascending.length).toBeGreaterThan(3);
    // By number, not by text: 10.1.1.20 before 127.0.0.1 before 192.168.1.50 before 203.0.113.9.
    expect(ascending[0]).toMatch(/^10\.1\.1\.2\d:5061$/);
    expect(ascending.at(-1)).toMatch(/^203\./);
    await app.type("S");
    expect(app.frame()).toContain("by remote, reversed");
    expect(remotes(app.frame())).toEqual([...ascending].reverse());
    await app.type("j");
    expect(app.frame()).toMatch(/─ 2\/\d+ ─┘/);

    await app.type("\t\t");
    expect(app.store.getState().pane).toBe("routes");
    await app.type("ssss");
    expect(app.frame()).toContain("Routes  16 · by metric");
    const metrics = app
      .frame()
      .split("\n")
      .map((l) => /^│ \S+ +\S+ +.+? +(\d+)[p ]│/.exec(l)?.[1])
      .filter(Boolean)
      .map(Number);
    expect(metrics.length).toBe(16);
    expect(metrics).toEqual([...metrics].sort((a, b) => a - b));
    app.unmount();
  });

  it("a flow that closed is counted as shown: 2 rows marked ✗ under a title that says 2, 1 closed", async () => {
    const first = analysisOf(await demoSnapshot());
    const app = await renderApp({ columns: 200, rows: 50, analysis: first });
    const wrong = first.connections.filter((c) => c.verdict === "wrong-nic");
    expect(wrong.length).toBe(2);
    // The next poll no longer lists one of them: it stays on screen, closed, for a few seconds.
    const gone = wrong[0];
    const next: Analysis = { ...first, connections: first.connections.filter((c) => c !== gone) };
    pollOk(app.store, next, 2, T0 + 1000);
    await new Promise((r) => setTimeout(r, 20));
    const marked = rowsOf(app.frame()).filter((l) => l.includes("│✗"));
    expect(marked.length).toBe(2);
    expect(app.frame()).toContain("2 wrong NIC (1 closed)");
    app.unmount();
  });
});
