// The Connections order kept from one poll to the next, so a poll costs what
// changed: rows whose flow, highlight and age are as before keep their object
// and their place; only new or changed rows are sorted (k log k) and merged
// into the rest (one pass). With nothing changed the previous array itself
// comes back, so nothing downstream recomputes. The order is a parameter:
// any comparator that reads only the rows' own fields.
import {
  type CompareRows,
  type ConnRow,
  type FlowInputs,
  unsortedConnRows,
  wrongNicFirst,
} from "./view-model.js";

function same(a: ConnRow, b: ConnRow): boolean {
  return a.conn === b.conn && a.isNew === b.isNew && a.closed === b.closed && a.firstSeen === b.firstSeen;
}

/** a and b each sorted by compare: one sorted array. */
function merge(a: readonly ConnRow[], b: readonly ConnRow[], compare: CompareRows): ConnRow[] {
  const out = new Array<ConnRow>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length)
    out[k++] = compare(b[j] as ConnRow, a[i] as ConnRow) < 0 ? (b[j++] as ConnRow) : (a[i++] as ConnRow);
  while (i < a.length) out[k++] = a[i++] as ConnRow;
  while (j < b.length) out[k++] = b[j++] as ConnRow;
  return out;
}

export class ConnOrder {
  private byKey = new Map<string, ConnRow>();
  private sorted: ConnRow[] = [];

  constructor(private readonly compare: CompareRows = wrongNicFirst) {}

  rows(s: FlowInputs): ConnRow[] {
    const before = this.byKey;
    const next = new Map<string, ConnRow>();
    const fresh: ConnRow[] = [];
    const all = unsortedConnRows(s, (row) => {
      const old = before.get(row.key);
      const kept = old && same(old, row) ? old : row;
      if (kept === row) fresh.push(row);
      next.set(row.key, kept);
      return kept;
    });
    this.byKey = next;
    if (fresh.length === 0 && all.length === this.sorted.length) return this.sorted;
    // Many changed (the first poll, a route change that re-classified most flows): sort them all.
    if (fresh.length * 4 > all.length) this.sorted = all.sort(this.compare);
    else {
      const stay = this.sorted.filter((r) => next.get(r.key) === r);
      this.sorted = merge(stay, fresh.sort(this.compare), this.compare);
    }
    return this.sorted;
  }
}
