import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { connectionRows } from "../../src/app/live/view-model.js";
import { computeLayout, paneRows } from "../../src/components/layout.js";
import type { ClassifiedConnection } from "../../src/core/model.js";
import { analysis, conn } from "../app/fixtures.js";
import { pollOk, renderApp } from "./helpers.js";

afterEach(() => cleanup());

function many(n: number): ClassifiedConnection[] {
  const out: ClassifiedConnection[] = [];
  for (let i = 0; i < n; i++) {
    const remote = `10.9.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    out.push(
      conn(10_000 + (i % 50_000), { remote, port: 5061, verdict: i % 1000 === 0 ? "wrong-nic" : "ok" }),
    );
  }
  return out;
}

const dataRows = (frame: string) => frame.split("\n").filter((l) => /\b10\.9\.\d+\.\d+:5061/.test(l));

describe("50,000 connections", () => {
  it("lays out only the rows that fit, and scrolls to the end and back", async () => {
    const a = analysis(many(50_000));
    const app = await renderApp({ columns: 160, rows: 45, analysis: a });
    const visible = paneRows(computeLayout(160, 45, 1).connections.height);
    const f = app.frame();
    expect(f).toContain("Connections  50000 · 50 wrong NIC");
    expect(dataRows(f)).toHaveLength(visible);
    expect(f.split("\n").length).toBeLessThanOrEqual(44);
    const sorted = connectionRows(app.store.getState(), "", false);
    const text = (i: number) => `${sorted[i]?.conn.remote.address}:5061`;
    // Wrong flows first, then the rest; the screen shows the head of that order.
    expect(dataRows(f)[0]).toContain("wrong NIC");
    expect(f).toContain(text(0));
    expect(f).not.toContain(` ${text(49_999)} `);
    await app.type("G");
    const end = app.frame();
    expect(dataRows(end)).toHaveLength(visible);
    expect(end).toContain(` ${text(49_999)} `);
    expect(app.store.getState().cursor.connections).toBe(49_999);
    await app.type("\x1b[5~");
    expect(app.store.getState().cursor.connections).toBe(49_999 - visible);
    await app.type("\x1b[H");
    expect(app.frame()).toContain(text(0));
  });

  it("filters the 50,000 and shows the count", async () => {
    const app = await renderApp({ columns: 160, rows: 45, analysis: analysis(many(50_000)) });
    await app.type("/10.9.7.");
    const f = app.frame();
    expect(f).toMatch(/\/10\.9\.7\.: 250/);
    expect(dataRows(f).every((l) => l.includes("10.9.7."))).toBe(true);
  });
});

describe("new and closed flows", () => {
  it("marks a flow that appeared with * and one that went away with - for a few seconds", async () => {
    const keep = conn(1, { remote: "10.9.0.1", port: 5061 });
    const gone = conn(2, { remote: "10.9.0.2", port: 5061 });
    const fresh = conn(3, { remote: "10.9.0.3", port: 5061 });
    const app = await renderApp({ columns: 160, rows: 45, analysis: analysis([keep, gone]) });
    expect(dataRows(app.frame()).every((l) => /✓ {2}/.test(l))).toBe(true);
    pollOk(app.store, analysis([keep, fresh]), 2, 1_700_000_001_000);
    await new Promise((r) => setTimeout(r, 20));
    const rows = dataRows(app.frame());
    expect(rows.find((l) => l.includes("10.9.0.3:"))).toMatch(/✓\*/);
    expect(rows.find((l) => l.includes("10.9.0.2:"))).toMatch(/✓-/);
    expect(rows.find((l) => l.includes("10.9.0.1:"))).toMatch(/✓ {2}/);
    pollOk(app.store, analysis([keep, fresh]), 3, 1_700_000_005_000);
    await new Promise((r) => setTimeout(r, 20));
    const later = dataRows(app.frame());
    expect(later.some((l) => l.includes("10.9.0.2:"))).toBe(false);
    expect(later.find((l) => l.includes("10.9.0.3:"))).toMatch(/✓ {2}/);
  });
});
