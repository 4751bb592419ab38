// The done-when lines, checked against the figures of this run.

export interface Targets {
  live: { routes: number; conns: number; figures: Record<string, number> }[];
  frame: { few: Record<string, number>; many: Record<string, number> } | null;
}

function line(ok: boolean | null, text: string): void {
  console.log(`${ok === null ? "  -  " : ok ? " ok  " : "MISS "} ${text}`);
}

export function printTargets(t: Targets): void {
  console.log("\ntargets (issue 8), from this run:");
  const at = (r: number, c: number) => t.live.find((l) => l.routes === r && l.conns === c)?.figures;
  for (const [r, c] of [
    [100_000, 10_000],
    [1_000_000, 50_000],
  ] as const) {
    const f = at(r, c);
    const size = `(${r.toLocaleString("en-US")}, ${c.toLocaleString("en-US")})`;
    if (!f) {
      line(
        null,
        `steady poll at ${size} <= 1.3x bare ss -tanH: not measured (BENCH_LIVE=${r}x${c}, as root)`,
      );
      continue;
    }
    const x = (f.steady_ms as number) / (f.bare_ss_ms as number);
    line(x <= 1.3, `steady poll at ${size}: ${x.toFixed(2)}x bare ss -tanH (target <= 1.3x)`);
    if (r === 1_000_000) {
      const y = (f.change_ms as number) / (f.bare_all_ms as number);
      line(y <= 1.5, `route-change poll at ${size}: ${y.toFixed(2)}x the bare commands (target <= 1.5x)`);
      const mb = f.peak_rss_mb as number;
      line(mb <= 600, `peak RSS at ${size}, full cycle: ${Math.round(mb)} MB (target <= 600 MB)`);
    }
  }
  if (!t.frame) line(null, "key press with 50,000 rows <= 1.2x with 50: not measured (BENCH_FRAME)");
  else {
    const x = (t.frame.many.median_ms as number) / (t.frame.few.median_ms as number);
    line(
      x <= 1.2,
      `key press with ${t.frame.many.rows} rows: ${x.toFixed(2)}x the time with ${t.frame.few.rows} (target <= 1.2x)`,
    );
  }
}
