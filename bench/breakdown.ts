// The breakdown of `npm run bench` (BENCH_BREAKDOWN=1): where a poll's time goes,
// part by part, as ratios against baselines measured in the same run. Each size
// runs in a process of its own, so its peak RSS is its own.
//   BENCH_ROUTES=1000,100000,1000000      lookup table sizes
//   BENCH_SIZES=1000x1000,100000x10000,1000000x50000   synthetic host sizes (routes x sockets)
//   BENCH_LIVE=100000x10000,1000000x50000  live namespace sizes (root only; "off" to skip)
//   BENCH_FRAME=50,50000                   rows for the key-press timing ("off" to skip)
//   BENCH_TICKS=10                         steady polls per size;  BENCH_NAIVE=1 adds the old cycle
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRunner } from "../src/system/exec/runner.js";
import type { CycleFigures } from "./cycle.js";
import { liveUnavailable, runLive } from "./live-bench.js";
import { benchLookups } from "./lookup-bench.js";
import { fmt, ratio, sizes, table } from "./table.js";
import { printTargets, type Targets } from "./targets.js";

type LiveFigures = CycleFigures & {
  bare_ss_ms: number;
  bare_all_ms: number;
  naive_ms: number | null;
  ss_variants: Record<string, number>;
};

export async function breakdown(): Promise<void> {
  const runner = createRunner();
  const env = process.env;
  const ticks = Number(env.BENCH_TICKS ?? 10);
  const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
  const node = async (file: string, args: (string | number)[]) => {
    const out = await runner.run([process.execPath, here(file), ...args.map(String)], { timeoutMs: 900_000 });
    const last = out.stdout.trim().split("\n").pop() ?? "";
    return (last === "" ? {} : JSON.parse(last)) as Record<string, number>;
  };
  const targets: Targets = { live: [], frame: null };

  const lookupSizes = (env.BENCH_ROUTES ?? "1000,100000,1000000").split(",").map(Number);
  const lookups = lookupSizes.map((s) => benchLookups(s));
  table(
    "route lookups per second: prefix trie, a typed-array linear scan, and the brute-force oracle of the tests",
    lookups.map((l) => ({ ...l, vs_scan: `${fmt(l.vs_scan)}x`, vs_oracle: `${fmt(l.vs_oracle)}x` })),
  );

  const synth = sizes(env.BENCH_SIZES ?? "1000x1000,100000x10000,1000000x50000");
  if (synth.length) {
    const dir = mkdtempSync(join(tmpdir(), "dualhome-bench-"));
    const rows: Record<string, number | string>[] = [];
    try {
      for (const [r, c] of synth) {
        await node("./bench-files.js", [join(dir, `${r}x${c}`), r, c]);
        const f = await node("./synthetic-worker.js", [join(dir, `${r}x${c}`), ticks]);
        rows.push({
          routes: r,
          sockets: c,
          "cat ss": f.bare_ss_ms as number,
          "cat all": f.bare_all_ms as number,
          startup: f.startup_ms as number,
          steady: f.steady_ms as number,
          "steady/cat ss": ratio(f.steady_ms as number, f.bare_ss_ms as number),
          "route change": f.change_ms as number,
          "change/cat all": ratio(f.change_ms as number, f.bare_all_ms as number),
          "re-read": f.reread_ms as number,
          "lookups/s": f.lookups_per_s as number,
          "peak RSS MB": f.peak_rss_mb as number,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    table(
      "synthetic host, ms: the real streams, parsers, live platform and incremental analysis; the kernel's part played by files",
      rows,
      "baseline: `cat` of the same outputs through the same spawner (what reading them costs, nothing parsed);\n" +
        "steady = a poll with routes unchanged (collect + first-seen + analysis); route change = the poll that shows a monitor event",
    );
  }

  const live = sizes(env.BENCH_LIVE ?? "100000x10000,1000000x50000");
  if (live.length) {
    const why = await liveUnavailable();
    if (why) console.log(`\nlive namespace: skipped (${why})`);
    else {
      const rows: Record<string, number | string>[] = [];
      const variants: Record<string, number | string>[] = [];
      for (const [r, c] of live) {
        const res = await runLive(r, c, ticks, env.BENCH_NAIVE === "1");
        const f = res.figures as unknown as LiveFigures;
        targets.live.push({ routes: r, conns: c, figures: f as unknown as Record<string, number> });
        rows.push({
          routes: r,
          sockets: c,
          "ss -tanH": f.bare_ss_ms,
          "bare all": f.bare_all_ms,
          startup: f.startup_ms,
          steady: f.steady_ms,
          "steady/ss": ratio(f.steady_ms, f.bare_ss_ms),
          "route change": f.change_ms,
          "change/bare all": ratio(f.change_ms, f.bare_all_ms),
          "re-read": f.reread_ms,
          ...(f.naive_ms ? { naive: f.naive_ms, "naive/bare all": ratio(f.naive_ms, f.bare_all_ms) } : {}),
          "lookups/s": f.lookups_per_s,
          "peak RSS MB": f.peak_rss_mb,
        });
        variants.push({ sockets: c, ...f.ss_variants });
      }
      table(
        "live namespace, ms: the real kernel, the live Linux platform inside the namespace",
        rows,
        "bare all = ip -4/-6 route show table all + ip -4/-6 rule show + ip addr show + ss -tanH, one after the other;\n" +
          "steady = a poll with routes unchanged; route change = the poll that shows `ip route add` (via ip monitor)",
      );
      table("socket list commands, ms (bare, output read and dropped)", variants);
    }
  }

  const frame = sizes((env.BENCH_FRAME ?? "50,50000").replace(/(\d+)/g, "$1x0"));
  if (frame.length) {
    // Alternating rounds, best median per size: other load on the machine only ever adds time.
    const best = new Map<number, Record<string, number>>();
    for (let round = 0; round < 3; round++)
      for (const [n] of frame) {
        const r = await node("./frame-bench.js", [n, 60]);
        const b = best.get(n);
        if (!b || (r.median_ms as number) < (b.median_ms as number)) best.set(n, r);
      }
    const rows = frame.map(([n]) => best.get(n) as Record<string, number>);
    const base = rows[0]?.median_ms ?? 0;
    table(
      "key press (j) to next frame, ms, src/components/App at 160x50 under ink-testing-library (best of 3 rounds of 60)",
      rows.map((r) => ({
        rows: r.rows as number,
        median: r.median_ms as number,
        max: r.max_ms as number,
        "vs first": ratio(r.median_ms as number, base),
      })),
    );
    if (rows.length >= 2)
      targets.frame = { few: rows[0] as Record<string, number>, many: rows.at(-1) as Record<string, number> };
  }

  printTargets(targets);
  console.log(`\npeak RSS of this process: ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
}
