// PowerShell's formatted views, for outputs saved from a console rather than as JSON.
// Real rows (Catalan course notes, `Get-NetRoute -ifIndex 24` table and
// `Get-NetIPAddress` list):
//   ifIndex DestinationPrefix     NextHop       RouteMetric ifMetric PolicyStore
//   ------- -----------------     -------       ----------- -------- -----------
//   24      0.0.0.0/0             192.168.1.1             0 50       ActiveStore
//   IPAddress         : 192.168.1.130
// Columns are cut where the dash groups start; list blocks split on blank lines.
import type { PsObject } from "./ps-fields.js";

const DASHES = /^\s*-+(\s+-+)*\s*$/;
const LIST_LINE = /^(\S[^:]*?)\s*: ?(.*)$/;
const WARNING = /^(WARNING|VERBOSE|WARNUNG|AVERTISSEMENT|ADVERTENCIA|警告)\s*:/;

/** Objects from a formatted table or list view; null when the text is neither. */
export function parsePsText(text: string): PsObject[] | null {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/\s+$/, ""));
  const dash = lines.findIndex((l, i) => i > 0 && DASHES.test(l) && (lines[i - 1] ?? "").trim() !== "");
  if (dash > 0) return parseTable(lines, dash);
  return parseList(lines);
}

function parseTable(lines: string[], dash: number): PsObject[] {
  const header = lines[dash - 1] ?? "";
  const starts: number[] = [];
  const rule = lines[dash] ?? "";
  for (let i = 0; i < rule.length; i++)
    if (rule[i] === "-" && (i === 0 || rule[i - 1] === " ")) starts.push(i);
  const names = starts.map((s, k) => header.slice(s, starts[k + 1] ?? header.length).trim());
  const rows: PsObject[] = [];
  for (const line of lines.slice(dash + 1)) {
    if (line.trim() === "") continue;
    const row: PsObject = {};
    starts.forEach((s, k) => {
      const cell = line.slice(s, starts[k + 1] ?? line.length).trim();
      const name = names[k];
      if (name && cell !== "") row[name] = cell;
    });
    rows.push(row);
  }
  return rows;
}

function parseList(lines: string[]): PsObject[] | null {
  const objects: PsObject[] = [];
  let current: PsObject | null = null;
  let seen = false;
  for (const line of lines) {
    if (line.trim() === "") {
      current = null;
      continue;
    }
    const m = WARNING.test(line) ? null : LIST_LINE.exec(line);
    if (!m) continue;
    seen = true;
    if (!current) {
      current = {};
      objects.push(current);
    }
    const value = (m[2] ?? "").trim();
    if (value !== "") current[(m[1] ?? "").trim()] = value;
  }
  return seen ? objects : null;
}
