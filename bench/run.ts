// `npm run bench`: performance as ratios against baselines measured in the same run.
import { benchLookups } from "./lookup-bench.js";

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}

function table(title: string, rows: Record<string, number | string>[]): void {
  if (!rows.length) return;
  const cols = Object.keys(rows[0] as object);
  const cells = rows.map((r) =>
    cols.map((c) => (typeof r[c] === "number" ? fmt(r[c] as number) : String(r[c]))),
  );
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] as string).length)));
  console.log(`\n${title}`);
  console.log(cols.map((c, i) => c.padStart(widths[i] as number)).join("  "));
  for (const r of cells) console.log(r.map((v, i) => v.padStart(widths[i] as number)).join("  "));
}

const sizes = (process.env.BENCH_ROUTES ?? "1000,100000,1000000").split(",").map(Number);
const lookups = sizes.map((s) => benchLookups(s));
table(
  "route lookups per second: prefix trie, a typed-array linear scan, and the brute-force oracle of the tests",
  lookups.map((l) => ({ ...l, vs_scan: `${fmt(l.vs_scan)}x`, vs_oracle: `${fmt(l.vs_oracle)}x` })),
);
console.log(`\npeak RSS: ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
