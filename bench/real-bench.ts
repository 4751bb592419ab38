// The headline of `npm run bench`: the real executable as an operator runs it,
// `node bin/dualhome.js --interval 1000` in tmux inside a namespace of the
// bench's own (see live-bench.ts: veth pairs only between its own namespaces,
// routes loaded with ip -batch), holding connections both over loopback and
// out through real routes to the far namespace. Everything is measured from
// outside through /proc: CPU of the whole process tree against bare `ss -tanH`
// once a second in the same run, peak and steady RSS, RSS growth over the
// watch, and key-to-screen latency through tmux.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createRunner } from "../src/system/exec/runner.js";
import type { StreamHandle } from "../src/system/exec/stream-types.js";
import { build, connect, remoteHosts } from "./live-bench.js";
import { commOf, memoryMb, treeCpuSeconds } from "./proc-tree.js";
import { keyLatencies, median, sleep, TmuxPane } from "./tmux-pane.js";

const runner = createRunner();
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export interface RealOptions {
  /** Seconds the program is watched (default 180): RSS growth is minute 1 to the end. */
  watchS: number;
  /** Seconds of bare ss for the baseline (default 30). */
  baselineS: number;
  presses: number;
}

export interface RealFigures {
  routes: number;
  sockets: number;
  ss_cpu_per_s: number;
  tree_cpu_per_s: number;
  cpu_window_s: number;
  first_screen_s: number;
  peak_rss_mb: number;
  steady_rss_mb: number;
  rss_1min_mb: number;
  rss_end_mb: number;
  /** Mean RSS of each 5-minute window of the watch after minute 1: the shape of a long soak. */
  rss_by_5min_mb: number[];
  /** Mean RSS of minutes 5 to 15, and of the last 10 minutes (NaN for a watch under 25 minutes). */
  rss_min5to15_mb: number;
  rss_last10_mb: number;
  key_median_ms: number;
  key_max_ms: number;
}

/** Undo steps for whatever is running, so an interrupted bench leaves no namespace or session behind. */
const undo = new Set<() => Promise<void>>();
async function undoAll(): Promise<void> {
  for (const u of [...undo].reverse()) await u().catch(() => undefined);
  undo.clear();
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(sig, () => void undoAll().then(() => process.exit(130)));

async function guarded<T>(step: () => Promise<void>, body: () => Promise<T>): Promise<T> {
  undo.add(step);
  try {
    return await body();
  } finally {
    undo.delete(step);
    await step().catch(() => undefined);
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** The program's figures once it is on screen: CPU over the watch after a warm-up, RSS each second. */
async function watch(pane: TmuxPane, pid: number, o: RealOptions) {
  const started = performance.now();
  // The first poll's data, not the empty frame before it ("Routes 0", "Connections 0"):
  // at a million routes that frame comes seconds before the table is read.
  await pane.waitFor(
    "the first poll's routes and connections",
    (s) => /Routes\s+[1-9]/.test(s) && /Connections\s+[1-9]/.test(s),
    600_000,
  );
  const firstScreen = (performance.now() - started) / 1000;
  const samples: { t: number; rss: number }[] = [];
  let peak = 0;
  const sample = () => {
    const m = memoryMb(pid);
    if (m) {
      samples.push({ t: (performance.now() - started) / 1000, rss: m.rss });
      peak = Math.max(peak, m.peak);
    }
  };
  const warm = 15;
  for (let i = 0; i < warm; i++) {
    sample();
    await sleep(1000);
  }
  const cpu0 = treeCpuSeconds(pid);
  const t0 = performance.now();
  const until = started + o.watchS * 1000;
  while (performance.now() < until) {
    sample();
    await sleep(1000);
  }
  const window = (performance.now() - t0) / 1000;
  const cpu = (treeCpuSeconds(pid) - cpu0) / window;
  sample();
  const at = (from: number, to: number) =>
    mean(samples.filter((s) => s.t >= from && s.t < to).map((s) => s.rss));
  const end = samples.at(-1)?.t ?? 0;
  return {
    first_screen_s: firstScreen,
    tree_cpu_per_s: cpu,
    cpu_window_s: window,
    peak_rss_mb: peak,
    steady_rss_mb: at(end - 30, end + 1),
    rss_1min_mb: at(55, 65),
    rss_end_mb: at(end - 10, end + 1),
    rss_by_5min_mb: Array.from({ length: Math.floor((end - 60) / 300) }, (_, i) =>
      at(60 + i * 300, 360 + i * 300),
    ),
    rss_min5to15_mb: end >= 1500 ? at(300, 900) : Number.NaN,
    rss_last10_mb: end >= 1500 ? at(end - 600, end + 1) : Number.NaN,
  };
}

/** Builds the bench's namespaces with `routes` and `sockets`, runs `body` in them, and takes them down. */
async function inWorld<T>(routes: number, sockets: number, body: (ns: string) => Promise<T>): Promise<T> {
  const ns = `dhbench-${randomBytes(3).toString("hex")}`;
  const far = `${ns}-far`;
  const children: StreamHandle[] = [];
  const teardown = async () => {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
    for (const n of [ns, far]) await runner.run(["ip", "netns", "del", n]).catch(() => undefined);
  };
  return guarded(teardown, async () => {
    const hosts = remoteHosts(routes);
    await build(ns, far, routes, hosts);
    // A quarter of the sockets are loopback connections (two sockets each), half leave by real routes.
    const loopback = Math.floor(sockets / 4);
    await connect(ns, far, sockets - 2 * loopback, hosts, 7000, children);
    await connect(ns, ns, loopback, ["127.0.0.1"], 8000, children);
    return body(ns);
  });
}

/** `bin/dualhome.js --interval 1000` in a 200x50 tmux pane inside `ns`, as an operator starts it. */
async function inProgram<T>(ns: string, body: (pane: TmuxPane, pid: number) => Promise<T>) {
  const pane = new TmuxPane(`${ns}-tmux`, "bench");
  return guarded(
    () => pane.kill(),
    async () => {
      // BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the program itself.
      const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
      const argv = ["ip", "netns", "exec", ns, process.execPath, ...flags, "bin/dualhome.js"];
      const pid = await pane.start(200, 50, ROOT, [...argv, "--interval", "1000"]);
      // `ip netns exec` becomes the program (it execs): the pane's process is node itself.
      if (commOf(pid) !== "node") await sleep(500);
      const out = await body(pane, pid);
      // A profiled program writes its profile when it exits by itself.
      if (flags.length > 0) {
        await pane.key("q");
        for (let i = 0; i < 40 && commOf(pid) !== null; i++) await sleep(250);
      }
      return out;
    },
  );
}

export async function runReal(routes: number, sockets: number, o: RealOptions): Promise<RealFigures> {
  return inWorld(routes, sockets, async (ns) => {
    const base = await runner.run(
      ["ip", "netns", "exec", ns, process.execPath, here("./ss-loop.js"), `${o.baselineS}`],
      { timeoutMs: o.baselineS * 10_000 },
    );
    const ss = JSON.parse(base.stdout.trim().split("\n").pop() ?? "{}") as {
      ss_cpu_s: number;
      seconds: number;
    };
    return inProgram(ns, async (pane, pid) => {
      const w = await watch(pane, pid, o);
      const keys = await keyLatencies(pane, o.presses);
      return {
        routes,
        sockets,
        ss_cpu_per_s: ss.ss_cpu_s / ss.seconds,
        ...w,
        key_median_ms: median(keys),
        key_max_ms: keys.at(-1) ?? Number.NaN,
      };
    });
  });
}

/**
 * The same key timing with a dozen rows: the reference for "no slower with 50,000".
 * The same program on the same kind of host (a namespace of a dozen routes and
 * sockets), so the only difference is the size.
 */
export async function dozenKeys(presses: number): Promise<{ median: number; max: number }> {
  return inWorld(12, 12, (ns) =>
    inProgram(ns, async (pane) => {
      await pane.waitFor(
        "the first poll",
        (s) => /Routes\s+[1-9]/.test(s) && /Connections\s+[1-9]/.test(s),
        60_000,
      );
      await sleep(3000);
      const keys = await keyLatencies(pane, presses);
      return { median: median(keys), max: keys.at(-1) ?? Number.NaN };
    }),
  );
}
