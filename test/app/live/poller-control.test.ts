import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { snapshot } from "../fixtures.js";
import { flush, setup } from "./poller-setup.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("poller: pause, refresh, process names, stop", () => {
  it("pauses, refreshes once while paused, and resumes with a poll at once", async () => {
    const t = setup();
    t.poller.start();
    await flush();
    t.calls[0]?.resolve(snapshot());
    await flush();
    t.poller.pause();
    expect(t.store.getState().paused).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.calls).toHaveLength(1);
    t.poller.refresh();
    await flush();
    expect(t.calls).toHaveLength(2);
    t.calls[1]?.resolve(snapshot({ host: "refreshed" }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.calls).toHaveLength(2);
    expect(t.store.getState().analysis?.snapshot.host).toBe("refreshed");
    t.poller.resume();
    await flush();
    expect(t.store.getState().paused).toBe(false);
    expect(t.calls).toHaveLength(3);
    t.poller.stop();
  });

  it("a refresh during a poll runs right after it, not beside it", async () => {
    const t = setup();
    t.poller.start();
    await flush();
    t.poller.refresh();
    t.poller.refresh();
    await flush();
    expect(t.calls).toHaveLength(1);
    t.calls[0]?.resolve(snapshot());
    await flush();
    expect(t.calls).toHaveLength(2);
    expect(t.maxInFlight()).toBe(1);
    t.poller.stop();
  });

  it("asks for process names on the first poll and every n-th after it", async () => {
    const t = setup({ processNamesEvery: 3 });
    t.poller.start();
    for (let i = 0; i < 7; i++) {
      await flush();
      t.calls[i]?.resolve(snapshot());
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(t.calls.slice(0, 7).map((c) => c.opts?.processNames)).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    t.poller.stop();
  });

  it("stops: no poll after stop, and an answer arriving after it is dropped", async () => {
    const t = setup();
    t.poller.start();
    await flush();
    t.poller.stop();
    t.calls[0]?.resolve(snapshot());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.calls).toHaveLength(1);
    expect(t.store.getState().analysis).toBeNull();
  });
});
