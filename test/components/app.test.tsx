import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { analysisOf, demoSnapshot, renderApp } from "./helpers.js";

afterEach(() => cleanup());

const isAscii = (s: string) => [...s].every((ch) => ch.charCodeAt(0) < 128);
const lines = (frame: string) => frame.split("\n");
const stuckLine = (frame: string) => lines(frame).find((l) => l.includes("10.1.1.20:5061"));

describe("the live screen", () => {
  it("at 160x45: panes side by side, the stuck flow first with ✗, 'wrong NIC' and ext→int", async () => {
    const app = await renderApp({ columns: 160, rows: 45, analysis: analysisOf(await demoSnapshot()) });
    const f = app.frame();
    const title = lines(f).find((l) => l.includes("Routes"));
    expect(title).toContain("Connections");
    const stuck = stuckLine(f);
    expect(stuck).toMatch(/✗.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061\s+SYN_SENT\s+ext→int\s+wrong NIC/);
    // Wrong flows are sorted first: the first data row of the Connections pane is a wrong one.
    const header = lines(f).findIndex((l) => /Local\s+Remote/.test(l));
    expect(lines(f)[header + 1]).toContain("wrong NIC");
    expect(f).toMatch(/Connections\s+\d+ · 2 wrong NIC/);
    expect(f).toMatch(/✓.*192\.168\.1\.11:3389\s+192\.168\.1\.50:52814/);
    expect(f).toContain("srv-edge01");
    expect(f).toContain("policy: inferred");
    expect(lines(f).length).toBeLessThanOrEqual(44);
    expect(Math.max(...lines(f).map((l) => l.length))).toBeLessThanOrEqual(160);
  });

  it("at 80x24: stacked, still showing the stuck flow, within 80 columns and 23 lines", async () => {
    const app = await renderApp({ columns: 80, rows: 24, analysis: analysisOf(await demoSnapshot()) });
    const f = app.frame();
    const routesAt = lines(f).findIndex((l) => l.includes("Routes"));
    const connsAt = lines(f).findIndex((l) => l.includes("Connections"));
    expect(routesAt).toBeGreaterThan(0);
    expect(connsAt).toBeGreaterThan(routesAt);
    expect(lines(f)[routesAt]).not.toContain("Connections");
    expect(stuckLine(f)).toMatch(/✗.*SYN_SENT\s+ext→int\s+wrong NIC/);
    expect(lines(f).length).toBeLessThanOrEqual(23);
    expect(Math.max(...lines(f).map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(f).toContain("q quit");
  });

  it("--ascii: nothing outside 7-bit ASCII, no box drawing, plain X markers", async () => {
    for (const columns of [80, 160]) {
      const app = await renderApp({
        columns,
        rows: 30,
        ascii: true,
        analysis: analysisOf(await demoSnapshot()),
      });
      const f = app.frame();
      expect(isAscii(f)).toBe(true);
      expect(f).not.toMatch(/[\u2500-\u257f]/);
      expect(stuckLine(f)).toMatch(/\|X {2}.*ext->int\s+wrong NIC/);
      expect(f).toContain("+-");
      await app.type("?");
      expect(isAscii(app.frame())).toBe(true);
      app.unmount();
    }
  });

  it("before the first poll it says so instead of showing an empty table as truth", async () => {
    const app = await renderApp({ columns: 100, rows: 30, analysis: null });
    expect(app.frame()).toContain("starting");
    expect(app.frame()).toContain("no connections");
  });
});

describe("stale data", () => {
  it("keeps the last good data on screen, says STALE and why, per part too", async () => {
    const app = await renderApp({ columns: 160, rows: 45, analysis: analysisOf(await demoSnapshot()) });
    app.store.dispatch({ type: "poll-fail", seq: 2, error: "the host did not answer within 5 s", now: 2 });
    await new Promise((r) => setTimeout(r, 20));
    let f = app.frame();
    expect(f).toContain("STALE");
    expect(f).toContain("stale, showing the last good data · the host did not answer within 5 s");
    expect(stuckLine(f)).toContain("wrong NIC");
    const a = analysisOf(await demoSnapshot());
    app.store.dispatch({
      type: "poll-ok",
      seq: 3,
      analysis: a,
      firstSeen: new Map(),
      partErrors: { routes: "route print failed" },
      now: 3,
    });
    await new Promise((r) => setTimeout(r, 20));
    f = app.frame();
    expect(f).toMatch(/Routes {2}16 · stale/);
    expect(f).toContain("routes: route print failed");
  });
});
