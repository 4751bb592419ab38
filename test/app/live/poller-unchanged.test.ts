// A poll whose answer is the same as the last one (every part the same object)
// costs no analysis and no new state: nothing is drawn again.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Analysis, Snapshot } from "../../../src/core/model.js";
import { snapshot } from "../fixtures.js";
import { flush, setup } from "./poller-setup.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("poller: an unchanged host", () => {
  it("the same parts again: no analysis, no new state, no listener called", async () => {
    let analyses = 0;
    const t = setup({
      analyze: (s: Snapshot): Analysis => {
        analyses++;
        return { snapshot: s, connections: [], findings: [], policySource: "t" };
      },
    });
    const first = snapshot({ host: "one" });
    let renders = 0;
    t.store.subscribe(() => renders++);
    t.poller.start();
    await flush();
    t.calls[0]?.resolve(first);
    await flush();
    const state = t.store.getState();
    expect([analyses, renders]).toEqual([1, 1]);
    for (let i = 1; i <= 3; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      // A new snapshot object (new takenAt), but every part the same object.
      t.calls[i]?.resolve({ ...first, takenAt: i });
      await flush();
    }
    expect(t.actions.map((a) => a.type)).toEqual(["poll-ok", "poll-same", "poll-same", "poll-same"]);
    expect([analyses, renders]).toEqual([1, 1]);
    expect(t.store.getState()).toBe(state);
    // One part changed: analysed and drawn.
    await vi.advanceTimersByTimeAsync(1000);
    t.calls[4]?.resolve({ ...first, connections: { ok: true, value: [], warnings: [] } });
    await flush();
    expect([analyses, renders]).toEqual([2, 2]);
    t.poller.stop();
  });

  it("different notes are a change", async () => {
    const t = setup();
    const first = snapshot();
    t.poller.start();
    await flush();
    t.calls[0]?.resolve(first);
    await vi.advanceTimersByTimeAsync(1000);
    t.calls[1]?.resolve({ ...first, notes: ["process names need root: run with sudo"] });
    await flush();
    expect(t.actions.map((a) => a.type)).toEqual(["poll-ok", "poll-ok"]);
    t.poller.stop();
  });

  it("reanalyze(): the same parts analysed again, with the probe timeouts as they are then", async () => {
    const seen: unknown[] = [];
    let timeouts = [{ address: "10.1.1.20", interface: "ext" }];
    const t = setup({
      analyze: (s: Snapshot, opts): Analysis => {
        seen.push(opts.probeTimeouts);
        return { snapshot: s, connections: [], findings: [], policySource: "t" };
      },
      probeTimeouts: () => timeouts,
    });
    const first = snapshot();
    t.poller.start();
    await flush();
    t.calls[0]?.resolve(first);
    await flush();
    timeouts = [];
    t.poller.reanalyze();
    await flush();
    t.calls[1]?.resolve({ ...first, takenAt: 1 });
    await flush();
    // Only that one poll: the next unchanged answer is the same again.
    await vi.advanceTimersByTimeAsync(1000);
    t.calls[2]?.resolve({ ...first, takenAt: 2 });
    await flush();
    expect(t.actions.map((a) => a.type)).toEqual(["poll-ok", "poll-ok", "poll-same"]);
    expect(seen).toEqual([[{ address: "10.1.1.20", interface: "ext" }], []]);
    t.poller.stop();
  });
});
