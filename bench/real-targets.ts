// Issue 13's done-when lines, checked against this run's figures of the real program.
import type { RealFigures } from "./real-bench.js";

function line(ok: boolean | null, text: string): void {
  console.log(`${ok === null ? "  -  " : ok ? " ok  " : "MISS "} ${text}`);
}

const size = (r: number, c: number) =>
  `(${r.toLocaleString("en-US")} routes, ${c.toLocaleString("en-US")} sockets)`;

export function printRealTargets(rows: readonly RealFigures[], dozenMs: number, watchS: number): void {
  console.log("\ntargets (issue 13), from this run:");
  const at = (r: number, c: number) => rows.find((f) => f.routes === r && f.sockets === c);
  for (const [r, c] of [
    [100_000, 20_000],
    [1_000_000, 50_000],
  ] as const) {
    const f = at(r, c);
    if (!f) line(null, `CPU at ${size(r, c)} <= 1.3x bare ss -tanH: not measured (BENCH_REAL=${r}x${c})`);
    else {
      const x = f.tree_cpu_per_s / f.ss_cpu_per_s;
      line(
        x <= 1.3,
        `CPU of the process tree at ${size(r, c)}: ${x.toFixed(2)}x bare ss -tanH (target <= 1.3x)`,
      );
    }
  }
  const big = at(1_000_000, 50_000);
  if (!big) line(null, "peak RSS at (1M routes, 50k sockets) <= 600 MB: not measured");
  else
    line(
      big.peak_rss_mb <= 600 && watchS >= 120,
      `peak RSS at ${size(big.routes, big.sockets)} over ${watchS} s with the first dump: ${Math.round(big.peak_rss_mb)} MB (target <= 600 MB over >= 120 s)`,
    );
  for (const f of rows) {
    const g = (f.rss_end_mb - f.rss_1min_mb) / f.rss_1min_mb;
    if (watchS < 90) {
      line(
        null,
        `RSS growth at ${size(f.routes, f.sockets)}: not measured (a watch of ${watchS} s; minute 1 needs >= 90)`,
      );
      continue;
    }
    line(
      g <= 0.1,
      `RSS growth at ${size(f.routes, f.sockets)}, minute 1 to ${(watchS / 60).toFixed(1)}: ${(g * 100).toFixed(1)}% (target <= 10%)`,
    );
  }
  for (const f of rows) {
    if (Number.isNaN(f.rss_last10_mb)) continue;
    // A trend, not noise: the last ten minutes against minutes 5 to 15 (the first dump long settled).
    const t = (f.rss_last10_mb - f.rss_min5to15_mb) / f.rss_min5to15_mb;
    const shape = f.rss_by_5min_mb.map((m) => Math.round(m)).join(", ");
    line(
      t <= 0.03,
      `RSS trend at ${size(f.routes, f.sockets)} over ${(watchS / 60).toFixed(0)} min: last 10 min ${Math.round(f.rss_last10_mb)} MB against minutes 5-15 ${Math.round(f.rss_min5to15_mb)} MB (${(t * 100).toFixed(1)}%, target: no trend, <= 3%); by 5 min: ${shape} MB`,
    );
  }
  const keys = rows.find((f) => f.sockets >= 50_000) ?? rows.at(-1);
  if (!keys) line(null, "key press at 50k rows: not measured");
  else {
    line(
      keys.key_median_ms <= 50,
      `key to screen at ${size(keys.routes, keys.sockets)}: median ${keys.key_median_ms.toFixed(1)} ms (target <= 50 ms)`,
    );
    const x = keys.key_median_ms / dozenMs;
    line(
      x <= 1.2,
      `key to screen there against a dozen rows (same program, a namespace of 12 routes and 12 sockets): ${x.toFixed(2)}x (target <= 1.2x)`,
    );
  }
}
