import { describe, expect, it } from "vitest";
import { reducer } from "../../../src/app/live/reducer.js";
import { type Action, type AppState, HIGHLIGHT_MS, initialState } from "../../../src/app/live/state.js";
import { connectionRows } from "../../../src/app/live/view-model.js";
import { connectionKey } from "../../../src/core/analyze.js";
import type { Analysis } from "../../../src/core/model.js";
import { analysis, conn } from "../fixtures.js";

const run = (actions: Action[], from: AppState = initialState()) => actions.reduce(reducer, from);

function ok(seq: number, a: Analysis, now: number, firstSeen = new Map<string, number>()): Action {
  return { type: "poll-ok", seq, analysis: a, firstSeen, partErrors: {}, now };
}

describe("reducer: polls", () => {
  it("applies a poll and drops an answer older than the one applied", () => {
    const a1 = analysis([conn(1)]);
    const a2 = analysis([conn(2)]);
    const s = run([
      { type: "poll-start", seq: 1 },
      { type: "poll-start", seq: 2 },
      ok(2, a2, 2000),
      ok(1, a1, 1000),
    ]);
    expect(s.analysis).toBe(a2);
    expect(s.seq.applied).toBe(2);
    expect(s.now).toBe(2000);
    expect(s.polling).toBe(false);
  });

  it("keeps the last good data on failure, marked stale with the error, until a poll succeeds", () => {
    const a1 = analysis([conn(1)]);
    const failed = run([ok(1, a1, 1000), { type: "poll-fail", seq: 2, error: "netstat failed", now: 2000 }]);
    expect(failed.analysis).toBe(a1);
    expect([failed.stale, failed.error]).toEqual([true, "netstat failed"]);
    const back = reducer(failed, ok(3, a1, 3000));
    expect([back.stale, back.error]).toEqual([false, null]);
    // A failure older than the applied poll is dropped like any stale answer.
    expect(reducer(back, { type: "poll-fail", seq: 2, error: "late", now: 4000 }).stale).toBe(false);
  });

  it("marks the data stale when a part failed", () => {
    const s = reducer(initialState(), {
      type: "poll-ok",
      seq: 1,
      analysis: analysis([]),
      firstSeen: new Map(),
      partErrors: { connections: "netstat -ano timed out" },
      now: 1,
    });
    expect(s.stale).toBe(true);
    expect(s.partErrors.connections).toMatch(/timed out/);
  });

  it("highlights new flows and keeps closed ones visible for a few seconds", () => {
    const a = conn(1);
    const b = conn(2);
    const c = conn(3);
    let s = run([ok(1, analysis([a, b]), 1000)]);
    // Everything seen at the first poll is the baseline, not "new".
    expect(connectionRows(s, "", false).some((r) => r.isNew)).toBe(false);
    s = reducer(s, ok(2, analysis([a, c]), 2000, new Map([[connectionKey(c), 2000]])));
    const rows = connectionRows(s, "", false);
    expect(rows.find((r) => r.conn.local.port === 3)?.isNew).toBe(true);
    expect(rows.find((r) => r.conn.local.port === 2)?.closed).toBe(true);
    expect(rows.find((r) => r.conn.local.port === 1)).toMatchObject({ isNew: false, closed: false });
    s = reducer(s, ok(3, analysis([a, c]), 2000 + HIGHLIGHT_MS));
    const later = connectionRows(s, "", false);
    expect(later.some((r) => r.conn.local.port === 2)).toBe(false);
    expect(later.find((r) => r.conn.local.port === 3)?.isNew).toBe(false);
  });
});

describe("reducer: keys", () => {
  it("moves the cursor within bounds and scrolls only when it leaves the window", () => {
    let s = initialState();
    s = reducer(s, { type: "move", delta: 5, total: 100, page: 10 });
    expect([s.cursor.connections, s.offset.connections]).toEqual([5, 0]);
    s = reducer(s, { type: "move", delta: 10, total: 100, page: 10 });
    expect([s.cursor.connections, s.offset.connections]).toEqual([15, 6]);
    s = reducer(s, { type: "move-to", index: 99, total: 100, page: 10 });
    expect([s.cursor.connections, s.offset.connections]).toEqual([99, 90]);
    s = reducer(s, { type: "move", delta: 50, total: 100, page: 10 });
    expect(s.cursor.connections).toBe(99);
    s = reducer(s, { type: "move", delta: -200, total: 100, page: 10 });
    expect([s.cursor.connections, s.offset.connections]).toEqual([0, 0]);
    s = reducer(s, { type: "focus-next" });
    expect(s.pane).toBe("findings");
    s = reducer(s, { type: "focus-next" });
    expect(s.pane).toBe("routes");
  });

  it("filters as typed, keeps it on Enter and clears it on Esc", () => {
    let s = run([
      { type: "move", delta: 3, total: 10, page: 5 },
      { type: "prompt-open", kind: "filter" },
    ]);
    s = reducer(s, { type: "prompt-edit", text: "3389" });
    expect([s.filter.connections, s.cursor.connections]).toEqual(["3389", 0]);
    const kept = reducer(s, { type: "prompt-submit" });
    expect([kept.prompt, kept.filter.connections]).toEqual([null, "3389"]);
    const cleared = reducer(s, { type: "prompt-cancel" });
    expect([cleared.prompt, cleared.filter.connections]).toEqual([null, ""]);
  });

  it("toggles wrong-only, help and pause, and drops a probe answer that is not for the open probe", () => {
    let s = run([
      { type: "toggle-wrong-only" },
      { type: "toggle-help" },
      { type: "set-paused", paused: true },
    ]);
    expect([s.wrongOnly, s.helpOpen, s.paused]).toEqual([true, true, true]);
    s = run([{ type: "toggle-help" }, { type: "probe-start", host: "10.1.1.20", port: 5061, now: 5 }], s);
    const result = {
      host: "10.1.1.20",
      port: 5061,
      outcome: "timeout" as const,
      source: null,
      sourcePort: null,
      ms: 1,
    };
    expect(reducer(s, { type: "probe-done", startedAt: 4, result }).probe?.result).toBeNull();
    expect(reducer(s, { type: "probe-done", startedAt: 5, result }).probe?.result).toBe(result);
    expect(reducer(s, { type: "dismiss" }).probe).toBeNull();
  });
});

describe("reducer: a poll that found nothing changed", () => {
  const same = (seq: number, now: number): Action => ({ type: "poll-same", seq, now });

  it("is the same state object when nothing on screen runs out with time", () => {
    const s = run([ok(1, analysis([conn(1)]), 1000)]);
    expect(reducer(s, same(2, 2000))).toBe(s);
  });

  it("still advances the clock while a new flow is highlighted, then goes quiet", () => {
    const a = conn(1);
    const b = conn(2);
    const s = run([ok(1, analysis([a]), 1000), ok(2, analysis([a, b]), 2000)]);
    expect(s.highlightUntil).toBe(2000 + HIGHLIGHT_MS);
    const later = reducer(s, same(3, 2000 + HIGHLIGHT_MS));
    expect(later).not.toBe(s);
    expect(later.now).toBe(2000 + HIGHLIGHT_MS);
    expect(connectionRows(later, "", false).some((r) => r.isNew)).toBe(false);
    expect(reducer(later, same(4, 9000))).toBe(later);
  });

  it("keeps pruning closed flows until they are gone", () => {
    const a = conn(1);
    const b = conn(2);
    const s = run([ok(1, analysis([a, b]), 1000), ok(2, analysis([a]), 2000)]);
    expect(s.closed.size).toBe(1);
    const pruned = reducer(s, same(3, 2000 + HIGHLIGHT_MS));
    expect(pruned.closed.size).toBe(0);
    expect(reducer(pruned, same(4, 9000))).toBe(pruned);
  });
});
