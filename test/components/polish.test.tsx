// The small things a first-time user trips on, each pinned by a test.
import { describe, expect, it } from "vitest";
import { KEYS } from "../../src/app/live/keymap.js";
import type { Analysis } from "../../src/core/model.js";
import { analysisOf, demoSnapshot, pollOk, renderApp, T0 } from "./helpers.js";

const settle = () => new Promise((r) => setTimeout(r, 20));

describe("polish", () => {
  it("? at 80x24 shows every description whole, page by page", async () => {
    const app = await renderApp({ columns: 80, rows: 24, analysis: analysisOf(await demoSnapshot()) });
    await app.type("?");
    let text = "";
    for (let page = 0; page < 4; page++) {
      const f = app.frame();
      expect(f).toContain("dualhome keys");
      expect(f.split("\n").filter((l) => /^ {2}\S/.test(l) && l.includes("…"))).toEqual([]);
      text += f;
      await app.type("j");
    }
    const flat = text.replace(/\s+/g, " ");
    // Cursor keys are shown together as "move" lines; every other key with its own description.
    const moves = new Set(["up", "down", "page-up", "page-down", "top", "bottom"]);
    for (const k of KEYS.filter((k) => !moves.has(k.command)))
      expect(flat, k.command).toContain(k.help.replace(/\s+/g, " "));
    app.unmount();
  });

  it("r while paused says refreshing… only until that poll answers", async () => {
    const analysis = analysisOf(await demoSnapshot());
    const app = await renderApp({ columns: 120, rows: 30, analysis });
    await app.type(" ");
    expect(app.poller.paused).toBe(true);
    await app.type("r");
    expect(app.frame()).toContain("refreshing…");
    expect(app.poller.refreshes).toBe(1);
    pollOk(app.store, analysis, 2, T0 + 1000);
    await settle();
    expect(app.frame()).not.toContain("refreshing…");
    app.unmount();
  });

  it("a filter that hides every finding does not say no findings", async () => {
    const app = await renderApp({ columns: 120, rows: 30, analysis: analysisOf(await demoSnapshot()) });
    await app.type("\t/zzz-nothing\r");
    expect(app.store.getState().filter.findings).toBe("zzz-nothing");
    expect(app.frame()).not.toContain("no findings");
    expect(app.frame()).toMatch(/! \d+ findings hidden by \/zzz-nothing/);
    app.unmount();
  });

  it("the panes do not move when a finding appears", async () => {
    const full = analysisOf(await demoSnapshot());
    const none: Analysis = { ...full, findings: [] };
    const app = await renderApp({ columns: 120, rows: 30, analysis: none });
    const bottom = (f: string) => f.split("\n").findIndex((l) => l.includes("└"));
    const keyBar = (f: string) => f.split("\n").findIndex((l) => l.includes("q quit"));
    const before = app.frame();
    expect(before).toContain("no findings");
    pollOk(app.store, { ...full, findings: full.findings.slice(0, 1) }, 2, T0 + 1000);
    await settle();
    const after = app.frame();
    expect(after).not.toContain("no findings");
    expect(bottom(after)).toBe(bottom(before));
    expect(keyBar(after)).toBe(keyBar(before));
    app.unmount();
  });

  it("where nothing can be changed, the key bar offers no a d f u", async () => {
    const app = await renderApp({ columns: 200, rows: 30, analysis: analysisOf(await demoSnapshot()) });
    const bar =
      app
        .frame()
        .split("\n")
        .find((l) => l.includes("q quit")) ?? "";
    expect(bar).toContain("e explain");
    for (const k of ["a add route", "d delete", "f fix", "u undo"]) expect(bar).not.toContain(k);
    app.unmount();
  });
});
