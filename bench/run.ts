// `npm run bench` (root, Linux): the real executable measured from outside, one
// table with its ratios and the targets checked against this run.
//   BENCH_REAL=1000x1000,100000x20000,1000000x50000   sizes (routes x sockets; "off" to skip)
//   BENCH_WATCH_S=180   seconds each size is watched (RSS growth is minute 1 to the end; 300 gives 1 to 5)
//   BENCH_BASELINE_S=30 seconds of bare `ss -tanH` once a second;  BENCH_PRESSES=30 key presses
//   BENCH_BREAKDOWN=1   also the older per-part benches (lookups, synthetic host, polling worker)
import { breakdown } from "./breakdown.js";
import { liveUnavailable } from "./live-bench.js";
import { dozenKeys, type RealFigures, runReal } from "./real-bench.js";
import { printRealTargets } from "./real-targets.js";
import { ratio, sizes, table } from "./table.js";

const env = process.env;
const options = {
  watchS: Number(env.BENCH_WATCH_S ?? 180),
  baselineS: Number(env.BENCH_BASELINE_S ?? 30),
  presses: Number(env.BENCH_PRESSES ?? 30),
};
const real = sizes(env.BENCH_REAL ?? "1000x1000,100000x20000,1000000x50000");
if (real.length) {
  const why = process.platform !== "linux" ? "Linux only" : await liveUnavailable();
  if (why) console.log(`real program: skipped (${why})`);
  else {
    const dozen = await dozenKeys(options.presses);
    const rows: RealFigures[] = [];
    for (const [r, c] of real) {
      console.error(`bench: ${r} routes, ${c} sockets (watch ${options.watchS} s)…`);
      rows.push(await runReal(r, c, options));
    }
    table(
      "the real program: node bin/dualhome.js --interval 1000 in tmux (200x50) inside the bench's namespace, read from /proc",
      rows.map((f) => ({
        routes: f.routes,
        sockets: f.sockets,
        "ss CPU/s": f.ss_cpu_per_s,
        "tree CPU/s": f.tree_cpu_per_s,
        "tree/ss": ratio(f.tree_cpu_per_s, f.ss_cpu_per_s),
        "first screen s": f.first_screen_s,
        "peak RSS MB": f.peak_rss_mb,
        "steady MB": f.steady_rss_mb,
        "RSS 1 min": f.rss_1min_mb,
        "RSS end": f.rss_end_mb,
        growth:
          options.watchS < 90
            ? "-"
            : `${(((f.rss_end_mb - f.rss_1min_mb) / f.rss_1min_mb) * 100).toFixed(1)}%`,
        "key ms": f.key_median_ms,
        "key max": f.key_max_ms,
        "key/dozen": ratio(f.key_median_ms, dozen.median),
      })),
      `CPU/s: utime+stime(+cutime+cstime) of the whole tree over ${options.watchS - 15} s after a 15 s warm-up, against\n` +
        `bare \`ss -tanH\` once a second for ${options.baselineS} s in the same namespace; key ms: send-keys j/k until\n` +
        `capture-pane shows the selected row moved (median of ${options.presses}); a dozen real rows: ${dozen.median.toFixed(1)} ms`,
    );
    printRealTargets(rows, dozen.median, options.watchS);
  }
}
if (env.BENCH_BREAKDOWN === "1") await breakdown();
