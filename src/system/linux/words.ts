// Words of iproute2 and ss rows, shared: at a million rows one copy of "eth0"
// or "192.168.1.1" instead of a million is most of the memory a table costs.
import { gatewayText } from "./route-fields.js";

const INTERN_MAX = 65_536;
const interned = new Map<string, string>();
const gateways = new Map<string, string | null>();

/** One shared copy of a repeated word. */
export function intern(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size < INTERN_MAX) interned.set(s, s);
  return s;
}

/** A gateway in canonical form, one shared string per distinct text. */
export function gatewayOf(s: string | undefined): string | null {
  if (s === undefined) return null;
  const known = gateways.get(s);
  if (known !== undefined) return known;
  const g = gatewayText(s);
  const shared = g === null ? null : intern(g);
  if (gateways.size < INTERN_MAX) gateways.set(s, shared);
  return shared;
}

/** Splits on blanks without a regular expression (the hot loop of a million-row dump). */
export function words(line: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      if (start >= 0) out.push(line.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(line.slice(start));
  return out;
}
