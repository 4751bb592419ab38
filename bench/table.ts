// Plain-text tables for the bench's report.

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return "-";
  return Math.abs(n) >= 100 || Number.isInteger(n) ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}

export const ratio = (n: number, d: number): string =>
  d > 0 && Number.isFinite(n) ? `${(n / d).toFixed(2)}x` : "-";

export function table(title: string, rows: Record<string, number | string>[], note?: string): void {
  if (!rows.length) return;
  const cols = Object.keys(rows[0] as object);
  const cells = rows.map((r) =>
    cols.map((c) => (typeof r[c] === "number" ? fmt(r[c] as number) : String(r[c]))),
  );
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] as string).length)));
  console.log(`\n${title}`);
  if (note) console.log(note);
  console.log(cols.map((c, i) => c.padStart(widths[i] as number)).join("  "));
  for (const r of cells) console.log(r.map((v, i) => v.padStart(widths[i] as number)).join("  "));
}

/** "1000x1000,100000x10000" → [[1000, 1000], [100000, 10000]]; "off" or "" → []. */
export function sizes(text: string): [number, number][] {
  if (text === "off" || text === "0" || text.trim() === "") return [];
  return text.split(",").map((s) => {
    const [r, c] = s.toLowerCase().split("x").map(Number);
    if (!Number.isFinite(r) || !Number.isFinite(c)) throw new Error(`bench: "${s}" is not ROUTESxCONNS`);
    return [r as number, c as number];
  });
}
