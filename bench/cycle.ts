// One poll cycle measured the way the live screen runs it: the live Linux
// platform's collect(), the first-seen tracker and the incremental analyzer,
// against the bare commands timed in the same process, in the same run.

import { FirstSeenTracker } from "../src/core/first-seen.js";
import { createIncrementalAnalyzer } from "../src/core/incremental-analyze.js";
import { buildIndex, lookup } from "../src/core/lookup.js";
import type { Analysis, Route, Snapshot } from "../src/core/model.js";
import type { StreamSpawner } from "../src/system/exec/stream-types.js";
import type { LivePlatform } from "../src/system/linux/live-linux-platform.js";

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? (s[m] as number)
      : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wall time of running argv to its end and reading every line (nothing parsed). */
export async function bareStream(spawn: StreamSpawner, argv: readonly string[]): Promise<number> {
  const t = performance.now();
  await spawn(argv, () => {}).done;
  return performance.now() - t;
}

export interface CycleFigures {
  startup_ms: number;
  steady_ms: number;
  change_ms: number;
  /** Polls it took for the added route to show (1 = the first poll after the change). */
  change_polls: number;
  reread_ms: number;
  flows: number;
  routes: number;
  lookups_per_s: number;
  peak_rss_mb: number;
}

export interface CycleHooks {
  platform: LivePlatform;
  spawn: StreamSpawner;
  /** Make the kernel (or the monitor file) add a route; the poll must then show `changed`. */
  changeRoute(): Promise<void>;
  changed: string;
  ticks: number;
  pauseMs: number;
}

/** Lookups per second on an index of these routes (built after the RSS was recorded). */
function lookupsPerSecond(snap: Snapshot): number {
  const routes = snap.routes.ok ? snap.routes.value : [];
  const index = buildIndex("linux", snap.interfaces.ok ? snap.interfaces.value : [], routes, []);
  const dests = routes.slice(0, 4096).map((r: Route) => r.destination.split("/")[0] as string);
  if (dests.length === 0) return 0;
  let n = 0;
  const t = performance.now();
  while (performance.now() - t < 300) {
    for (let i = 0; i < 256; i++) lookup(index, { destination: dests[(n + i) % dests.length] as string });
    n += 256;
  }
  return (n / (performance.now() - t)) * 1000;
}

const trace = (what: string) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (process.env.BENCH_TRACE === "gc" && gc) {
    const before = process.memoryUsage();
    gc();
    const after = process.memoryUsage();
    console.error(
      `${what}: heap ${(before.heapUsed / 1e6).toFixed(0)} → live ${(after.heapUsed / 1e6).toFixed(0)} MB, external ${(after.external / 1e6).toFixed(0)} MB`,
    );
  }
  if (process.env.BENCH_TRACE)
    console.error(
      `${what}: rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
};

export async function measureCycle(h: CycleHooks): Promise<CycleFigures> {
  const analyzer = createIncrementalAnalyzer();
  const tracker = new FirstSeenTracker();
  let last: { snap: Snapshot; analysis: Analysis } | null = null;
  let previous: Snapshot | null = null;
  const tick = async (): Promise<number> => {
    const t = performance.now();
    const snap = await h.platform.collect();
    const t1 = performance.now();
    const now = Date.now();
    const firstSeen = tracker.update(snap.connections.ok ? snap.connections.value : [], now);
    const t2 = performance.now();
    const analysis = analyzer(snap, { policy: null, now, firstSeen });
    last = { snap, analysis };
    const t3 = performance.now();
    if (process.env.BENCH_TRACE === "ticks") {
      const prev = previous;
      let moved = prev
        ? (["interfaces", "routes", "rules", "sysctls"] as const).filter((k) => prev[k] !== snap[k]).join(",")
        : "";
      if (prev?.connections.ok && snap.connections.ok) {
        const before = new Set(prev.connections.value);
        const kept = snap.connections.value.filter((c) => before.has(c)).length;
        moved += ` rows kept ${kept}/${snap.connections.value.length}`;
      }
      console.error(
        `tick: collect ${(t1 - t).toFixed(1)} firstSeen ${(t2 - t1).toFixed(1)} analyze ${(t3 - t2).toFixed(1)} ms ${moved}`,
      );
    }
    previous = snap;
    return t3 - t;
  };
  const startup = await tick();
  trace("startup");
  const steady: number[] = [];
  for (let i = 0; i < h.ticks; i++) {
    await sleep(h.pauseMs);
    steady.push(await tick());
  }
  trace("steady");
  await h.changeRoute();
  let change = Number.NaN;
  let changePolls = -1;
  const shows = () =>
    last?.snap.routes.ok === true && last.snap.routes.value.some((r) => r.destination === h.changed);
  if (shows()) throw new Error(`bench: ${h.changed} is there before the change`);
  for (let polls = 1; polls <= 20 && changePolls < 0; polls++) {
    await sleep(h.pauseMs);
    change = await tick();
    if (shows()) changePolls = polls;
  }
  trace("change");
  for (let i = 0; i < 3; i++) {
    await sleep(h.pauseMs);
    steady.push(await tick());
  }
  const t = performance.now();
  await h.platform.resyncNow();
  const reread = performance.now() - t;
  trace("re-read");
  await tick();
  const snap = (last as unknown as { snap: Snapshot }).snap;
  const current = snap.routes.ok ? snap.routes.value : [];
  const peak = process.resourceUsage().maxRSS / 1024;
  return {
    startup_ms: startup,
    steady_ms: median(steady),
    change_ms: change,
    change_polls: changePolls,
    reread_ms: reread,
    flows: snap.connections.ok ? snap.connections.value.length : 0,
    routes: current.length,
    lookups_per_s: lookupsPerSecond(snap),
    peak_rss_mb: peak,
  };
}
