// The exporter's loop and its metrics: a failed part keeps its values with up 0, a
// label set that is gone disappears, polls never overlap, and a poll that never
// answers is given up on and counted.
import type { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createExportMetrics } from "../../../src/app/export/export-metrics.js";
import { createExportPoller } from "../../../src/app/export/export-poller.js";
import type { Snapshot } from "../../../src/core/model.js";
import type { CollectOptions } from "../../../src/system/platform.js";
import {
  conn,
  internalPolicy,
  linuxCards,
  linuxRoutes,
  route,
  snapshot,
  storyConnections,
} from "../../core/support/story.js";

type Labels = Record<string, string | number>;

async function series(registry: Registry, name: string): Promise<{ labels: Labels; value: number }[]> {
  const m = registry.getSingleMetric(`dualhome_${name}`);
  if (!m) return [];
  return (await m.get()).values.map((v) => ({ labels: v.labels as Labels, value: v.value }));
}

async function value(registry: Registry, name: string, labels: Labels = {}): Promise<number | undefined> {
  const all = await series(registry, name);
  return all.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

/** Timers fired by hand: the test says which period passes, nothing runs by itself. */
function handTimers() {
  let id = 0;
  const due = new Map<number, { fn: () => void; ms: number }>();
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        due.set(++id, { fn, ms });
        return id;
      },
      clearTimeout: (h: unknown) => {
        due.delete(h as number);
      },
    },
    pending: (ms: number) => [...due.values()].filter((t) => t.ms === ms).length,
    fire(ms: number) {
      for (const [k, t] of [...due]) {
        if (t.ms !== ms) continue;
        due.delete(k);
        t.fn();
      }
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const story = (over: Partial<Snapshot> = {}) =>
  snapshot("linux", linuxCards(), linuxRoutes(), storyConnections("linux"), over);

function world(answers: (() => Promise<Snapshot>)[]) {
  const hand = handTimers();
  const metrics = createExportMetrics({ version: "9.9.9" }, () => clock);
  let clock = 1_000_000;
  const calls: CollectOptions[] = [];
  const reports: string[] = [];
  const platform = {
    collect: (o: CollectOptions = {}) => {
      calls.push(o);
      const next = answers.shift();
      if (!next) throw new Error("collect called more often than the test expected");
      return next();
    },
  };
  const poller = createExportPoller({
    platform,
    everyMs: 1000,
    timeoutMs: 5000,
    metrics,
    policy: internalPolicy("eth1"),
    timers: hand.timers,
    now: () => clock,
    report: (l) => reports.push(l),
  });
  return {
    hand,
    poller,
    calls,
    reports,
    registry: metrics.registry,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("export poll loop", () => {
  it("a failed part keeps its last value and its up goes to 0; the flows still use the kept routes", async () => {
    const w = world([
      async () => story(),
      async () => story({ routes: { ok: false, error: "ip: permission denied", warnings: [] } }),
      async () => story({ routes: { ok: true, value: linuxRoutes().slice(0, 3), warnings: [] } }),
    ]);
    await w.poller.pollOnce();
    expect(await value(w.registry, "routes", { family: "ipv4" })).toBe(5);
    expect(await value(w.registry, "up", { part: "routes" })).toBe(1);
    expect(await value(w.registry, "flows", { verdict: "wrong-nic", card: "eth0" })).toBe(1);

    await w.poller.pollOnce();
    expect(await value(w.registry, "up", { part: "routes" })).toBe(0);
    expect(await value(w.registry, "up", { part: "connections" })).toBe(1);
    expect(await value(w.registry, "routes", { family: "ipv4" })).toBe(5);
    // Classified against the kept routes, not "unknown" for want of a table.
    expect(await value(w.registry, "flows", { verdict: "wrong-nic", card: "eth0" })).toBe(1);
    expect(await value(w.registry, "flows", { verdict: "unknown", card: "none" })).toBeUndefined();
    expect(w.reports).toEqual(["dualhome: parts not read (last values kept): routes: ip: permission denied"]);

    await w.poller.pollOnce();
    expect(await value(w.registry, "up", { part: "routes" })).toBe(1);
    expect(await value(w.registry, "routes", { family: "ipv4" })).toBe(3);
    expect(await value(w.registry, "polls_total")).toBe(3);
    expect(await value(w.registry, "poll_errors_total")).toBe(0);
    expect(w.reports[1]).toBe("dualhome: the host answers again: every part read");
  });

  it("a label set that is gone disappears instead of keeping its last value", async () => {
    const web = conn("192.168.1.10:50200", "203.0.113.9:443", "ESTABLISHED");
    const w = world([
      async () => story(),
      async () => story({ connections: { ok: true, value: [web], warnings: [] } }),
    ]);
    await w.poller.pollOnce();
    expect(await value(w.registry, "stuck_syn")).toBe(1);
    await w.poller.pollOnce();
    expect(await series(w.registry, "flows")).toEqual([
      { labels: { verdict: "ok", card: "eth0" }, value: 1 },
    ]);
    expect(await value(w.registry, "stuck_syn")).toBe(0);
    expect(await value(w.registry, "sockets")).toBe(1);
  });

  it("findings that are fixed disappear; build_info names version, platform and collector", async () => {
    const pinned = [
      ...linuxRoutes(),
      ...["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((d) => route(d, "192.168.1.254", "eth1", 0)),
    ];
    const w = world([
      async () => story(),
      async () => story({ routes: { ok: true, value: pinned, warnings: [] } }),
    ]);
    await w.poller.pollOnce();
    expect(await value(w.registry, "findings", { id: "wrong-nic-route", severity: "error" })).toBe(3);
    await w.poller.pollOnce();
    expect(await value(w.registry, "findings", { id: "wrong-nic-route" })).toBeUndefined();
    expect(await series(w.registry, "build_info")).toEqual([
      { labels: { version: "9.9.9", platform: "linux", collector: "iproute2" }, value: 1 },
    ]);
  });

  it("a poll that throws keeps every value, sets every part down, and is said once", async () => {
    const w = world([
      async () => story(),
      () => Promise.reject(new Error("powershell died")),
      () => Promise.reject(new Error("powershell died")),
    ]);
    await w.poller.pollOnce();
    expect(await w.poller.pollOnce()).toBe(false);
    await w.poller.pollOnce();
    expect(await value(w.registry, "routes", { family: "ipv4" })).toBe(5);
    expect(await value(w.registry, "flows", { verdict: "wrong-nic", card: "eth0" })).toBe(1);
    for (const part of ["interfaces", "routes", "rules", "connections", "sysctls"])
      expect(await value(w.registry, "up", { part })).toBe(0);
    expect(await value(w.registry, "poll_errors_total")).toBe(2);
    expect(await value(w.registry, "polls_total")).toBe(3);
    expect(w.reports).toEqual(["dualhome: poll failed: powershell died: every value kept"]);
  });

  it("the age is taken at the scrape, the duration from the poll; none before the first poll", async () => {
    let w: ReturnType<typeof world> | null = null;
    w = world([
      async () => {
        w?.advance(250);
        return story();
      },
    ]);
    expect(await series(w.registry, "last_poll_age_seconds")).toEqual([]);
    await w.poller.pollOnce();
    expect(await value(w.registry, "last_poll_duration_seconds")).toBe(0.25);
    expect(await value(w.registry, "last_poll_age_seconds")).toBe(0);
    w.advance(4000);
    expect(await value(w.registry, "last_poll_age_seconds")).toBe(4);
    expect(await value(w.registry, "last_poll_timestamp_seconds")).toBe(1000.25);
  });

  it("polls never overlap: the next is scheduled only when one answered, a hung one is given up on", async () => {
    let release: ((s: Snapshot) => void) | null = null;
    const w = world([
      () =>
        new Promise<Snapshot>((r) => {
          release = r;
        }),
      async () => story(),
      () => new Promise<Snapshot>(() => undefined),
      async () => story(),
    ]);
    w.poller.start();
    await settle();
    expect(w.calls).toHaveLength(1);
    expect(w.calls[0]?.processNames).toBe(false);
    expect(w.hand.pending(1000)).toBe(0);
    (release as unknown as (s: Snapshot) => void)(story());
    await settle();
    expect(w.hand.pending(1000)).toBe(1);
    w.hand.fire(1000);
    await settle();
    expect(w.calls).toHaveLength(2);
    w.hand.fire(1000);
    await settle();
    // The third one hangs: no fourth until it is given up on.
    expect(w.calls).toHaveLength(3);
    expect(w.hand.pending(1000)).toBe(0);
    w.hand.fire(5000);
    await settle();
    expect(w.calls[2]?.signal?.aborted).toBe(true);
    expect(await value(w.registry, "poll_errors_total")).toBe(1);
    expect(w.reports).toEqual(["dualhome: the host did not answer within 5 s: every value kept"]);
    w.hand.fire(1000);
    await settle();
    expect(w.calls).toHaveLength(4);
    w.poller.stop();
    await settle();
    expect(w.hand.pending(1000)).toBe(0);
  });
});

describe("a part that never answered", () => {
  it("has no values (not zeros) and its up is 0", async () => {
    const w = world([
      async () => story({ connections: { ok: false, error: "ss: not found", warnings: [] } }),
    ]);
    await w.poller.pollOnce();
    expect(await value(w.registry, "up", { part: "connections" })).toBe(0);
    expect(await series(w.registry, "sockets")).toEqual([]);
    expect(await series(w.registry, "stuck_syn")).toEqual([]);
    expect(await series(w.registry, "flows")).toEqual([]);
    expect(await value(w.registry, "routes", { family: "ipv4" })).toBe(5);
  });
});
