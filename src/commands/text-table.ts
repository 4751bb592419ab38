// Plain aligned columns for terminals and pipes (no colours, no box drawing).
import { maxOf } from "../core/append-all.js";

export function textTable(header: string[], rows: string[][], indent = "  "): string[] {
  const widths = header.map((h, i) => maxOf(rowsColumn(rows, i), h.length));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function* rowsColumn(rows: readonly string[][], column: number): Iterable<number> {
  for (const r of rows) yield (r[column] ?? "").length;
}
