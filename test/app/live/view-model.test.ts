import { describe, expect, it } from "vitest";
import { mergeParts } from "../../../src/app/live/merge-parts.js";
import { initialState } from "../../../src/app/live/state.js";
import { connectionRows, windowOf } from "../../../src/app/live/view-model.js";
import { analysis, conn, snapshot } from "../fixtures.js";

function flows(conns: ReturnType<typeof conn>[]) {
  return { ...initialState(), analysis: analysis(conns), firstPollAt: 0, now: 0 };
}

describe("view model", () => {
  it("sorts wrong flows first, then stuck SYNs, and filters on any column", () => {
    const s = flows([
      conn(1),
      conn(2, { state: "SYN_SENT", remote: "10.1.1.20", port: 5061, verdict: "wrong-nic" }),
      conn(3, { state: "TIME_WAIT" }),
      conn(4, { remote: "10.1.1.21", port: 5061, verdict: "wrong-nic" }),
      conn(5, { verdict: "no-route", process: "sipproxy.exe" }),
    ]);
    expect(connectionRows(s, "", false).map((r) => r.conn.local.port)).toEqual([2, 4, 5, 1, 3]);
    expect(connectionRows(s, "", true).map((r) => r.conn.local.port)).toEqual([2, 4, 5]);
    expect(connectionRows(s, "WRONG nic", false).map((r) => r.conn.local.port)).toEqual([2, 4]);
    expect(connectionRows(s, "sipproxy", false).map((r) => r.conn.local.port)).toEqual([5]);
    expect(connectionRows(s, "time_wait", false).map((r) => r.conn.local.port)).toEqual([3]);
  });

  it("windows the rows around the cursor", () => {
    expect(windowOf(50_000, 0, 0, 40)).toEqual({ start: 0, end: 40, cursor: 0 });
    expect(windowOf(50_000, 49_999, 0, 40)).toEqual({ start: 49_960, end: 50_000, cursor: 49_999 });
    expect(windowOf(10, 3, 8, 40)).toEqual({ start: 0, end: 10, cursor: 3 });
    expect(windowOf(0, 0, 0, 40)).toEqual({ start: 0, end: 0, cursor: 0 });
  });

  it("merges a failed part with its last good value and keeps process names between slow polls", () => {
    const prev = snapshot({
      connections: { ok: true, value: [{ ...conn(7), process: "sipproxy.exe", pid: 2212 }], warnings: [] },
    });
    const next = snapshot({
      routes: { ok: false, error: "route print failed", warnings: ["x"] },
      connections: { ok: true, value: [{ ...conn(7), process: null, pid: null }], warnings: [] },
    });
    const { snapshot: merged, partErrors } = mergeParts(prev, next);
    expect(partErrors).toEqual({ routes: "route print failed" });
    expect(merged.routes).toEqual({ ok: true, value: [], warnings: ["x"] });
    expect(merged.connections.ok && merged.connections.value[0]).toMatchObject({
      process: "sipproxy.exe",
      pid: 2212,
    });
    // Nothing to fall back on: the failure stays.
    expect(mergeParts(null, next).snapshot.routes.ok).toBe(false);
  });
});
