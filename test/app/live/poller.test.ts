import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { snapshot } from "../fixtures.js";
import { flush, setup } from "./poller-setup.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("poller", () => {
  it("never overlaps: the next poll is scheduled only after the previous one finished", async () => {
    const t = setup();
    t.poller.start();
    await flush();
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(4000);
    expect(t.calls).toHaveLength(1);
    t.calls[0]?.resolve(snapshot({ host: "one" }));
    await flush();
    expect(t.store.getState().analysis?.snapshot.host).toBe("one");
    await vi.advanceTimersByTimeAsync(999);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(2);
    expect(t.maxInFlight()).toBe(1);
    t.poller.stop();
  });

  it("gives up on a slow poll, keeps the last data marked stale, and drops its late answer", async () => {
    const t = setup();
    t.poller.start();
    await flush();
    t.calls[0]?.resolve(snapshot({ host: "good" }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.calls).toHaveLength(2);
    expect(t.calls[1]?.opts?.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    const s = t.store.getState();
    expect([s.analysis?.snapshot.host, s.stale]).toEqual(["good", true]);
    expect(s.error).toMatch(/did not answer within 5 s/);
    expect(t.calls[1]?.opts?.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.calls).toHaveLength(3);
    t.calls[2]?.resolve(snapshot({ host: "fresh" }));
    await flush();
    t.calls[1]?.resolve(snapshot({ host: "late" }));
    await flush();
    expect(t.store.getState().analysis?.snapshot.host).toBe("fresh");
    expect(t.actions.filter((a) => a.type === "poll-ok").map((a) => a.seq)).toEqual([1, 3]);
    t.poller.stop();
  });

  it("a failing poll keeps the last good data, stale, with the error; a failing part keeps its last value", async () => {
    const t = setup();
    t.poller.start();
    await flush();
    const routes = [
      {
        destination: "0.0.0.0/0",
        family: 4 as const,
        gateway: "192.168.1.1",
        interface: "ext",
        metric: 25,
        table: "main",
        type: "unicast" as const,
        persistent: true,
      },
    ];
    t.calls[0]?.resolve(snapshot({ host: "good", routes: { ok: true, value: routes, warnings: [] } }));
    await vi.advanceTimersByTimeAsync(1000);
    t.calls[1]?.reject(new Error("the collector crashed"));
    await flush();
    let s = t.store.getState();
    expect([s.analysis?.snapshot.host, s.stale, s.error]).toEqual([
      "good",
      true,
      "poll failed: the collector crashed",
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    t.calls[2]?.resolve(
      snapshot({
        host: "partly",
        routes: { ok: false, error: "route print failed", hint: "run as admin", warnings: [] },
      }),
    );
    await flush();
    s = t.store.getState();
    expect(s.analysis?.snapshot.host).toBe("partly");
    expect(s.analysis?.snapshot.routes).toEqual({ ok: true, value: routes, warnings: [] });
    expect(s.partErrors).toEqual({ routes: "route print failed (run as admin)" });
    expect(s.stale).toBe(true);
    t.poller.stop();
  });
});
