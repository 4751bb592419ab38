// `ss -tuan state connected` rows, read every poll. A real row (test/fixtures/linux-captured/ss-tuan.txt):
//   tcp   ESTAB    0      0          127.0.0.1:5061     127.0.0.1:46308
// Most rows repeat from one poll to the next: a row is parsed once and its
// Connection object is handed out again while the row stays (queue counters
// aside), so a poll of 50,000 sockets costs a map lookup per row and the
// analysis can tell unchanged flows by identity.

import type { Connection } from "../../core/model.js";
import { sameItems } from "../../core/same-data.js";
import { type ParsedConnections, parseSsLine, type SsOptions } from "./parse-ss.js";

interface Entry {
  /** The row without its queues: what the cache knows it by. */
  key: string;
  /** The row as last printed, to recognise it next poll without a key. */
  row: string;
  value: Connection | string | null;
  /** value with process names applied, for namesVersion. */
  named: Connection | null;
  namesVersion: number;
  seen: number;
}

const starts = new Int32Array(8);
const ends = new Int32Array(8);

/**
 * The row without what changes on a live socket (its Recv-Q and Send-Q): what
 * the cache knows a socket by, so a row keeps its Connection object when its
 * queues fill and drain. Null for a row too short to be a connection.
 */
export function rowKey(line: string): string | null {
  let n = 0;
  let start = -1;
  for (let i = 0; i < line.length && n < 5; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) {
      if (start >= 0) {
        starts[n] = start;
        ends[n++] = i;
      }
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0 && n < 5) {
    starts[n] = start;
    ends[n++] = line.length;
  }
  if (n === 0) return null;
  const first = line.charCodeAt(starts[0] as number);
  // A netid (tcp, udp) is lower case; states are upper case.
  const at = first >= 97 && first <= 122 ? 1 : 0;
  if (n <= at) return null;
  // A wide state swallows the blank before Recv-Q ("FIN-WAIT-20"): then one queue column only.
  const sStart = starts[at] as number;
  const sEnd = ends[at] as number;
  const last = line.charCodeAt(sEnd - 1);
  const glued = last >= 48 && last <= 57 && !(sEnd - sStart === 10 && line.charCodeAt(sEnd - 2) === 45);
  const local = glued ? at + 2 : at + 3;
  if (local >= n) return null;
  // Where the state word ends: FIN-WAIT-1/2 end in a digit of their own.
  let stateEnd = sEnd;
  if (glued) {
    if (line.startsWith("FIN-WAIT-", sStart)) stateEnd = sStart + 10;
    else
      while (stateEnd > sStart && line.charCodeAt(stateEnd - 1) >= 48 && line.charCodeAt(stateEnd - 1) <= 57)
        stateEnd--;
  }
  return `${line.slice(0, stateEnd)}~${line.slice(starts[local] as number)}`;
}

/** A copy that does not keep the 64 KB chunk of output a row was cut from alive (this idiom makes V8 copy). */
function own(s: string): string {
  return ` ${s}`.slice(1);
}

export class SsLines {
  private readonly cache = new Map<string, Entry>();
  private tick = 0;
  private seen = 0;
  private connections: Connection[] = [];
  private warnings: string[] = [];
  private namesVersion = 0;
  private names: ((c: Connection) => Connection) | null = null;

  constructor(private readonly opts: SsOptions = {}) {}

  /** Process names to apply from now on; a new version re-applies them to every row. */
  setNames(version: number, apply: (c: Connection) => Connection): void {
    this.namesVersion = version;
    this.names = apply;
  }

  /** Last poll's entries in row order (ss lists sockets in a stable order); two buffers in turn. */
  private prevEntries: (Entry | null)[] = [];
  private entries: (Entry | null)[] = [];
  private n = 0;
  private cursor = 0;

  begin(): void {
    this.tick++;
    this.seen = 0;
    this.connections = [];
    this.warnings = [];
    const spare = this.prevEntries;
    this.prevEntries = this.entries;
    this.entries = spare;
    this.n = 0;
    this.cursor = 0;
  }

  private remember(e: Entry | null): void {
    this.entries[this.n++] = e;
  }

  push(line: string): void {
    // The same row, byte for byte, at (about) the same place as last poll: no key, no hashing.
    const at = this.cursor;
    let e = this.prevEntries[at];
    if (e?.row !== line) {
      e = this.prevEntries[at + 1];
      if (e?.row === line) this.cursor++;
      else e = undefined;
    }
    if (e) {
      this.cursor++;
      this.remember(e);
      this.hit(e);
      return;
    }
    const key = rowKey(line);
    if (key === null) {
      this.remember(null);
      this.take(parseSsLine(line, this.opts), null);
      return;
    }
    e = this.cache.get(key);
    if (e === undefined) {
      const k = own(key);
      e = {
        key: k,
        row: own(line),
        value: parseSsLine(line, this.opts),
        named: null,
        namesVersion: -1,
        seen: 0,
      };
      this.cache.set(k, e);
    } else e.row = own(line);
    this.remember(e);
    this.hit(e);
  }

  private hit(e: Entry): void {
    if (e.seen !== this.tick) {
      e.seen = this.tick;
      this.seen++;
    }
    this.take(e.value, e);
  }

  private take(value: Connection | string | null, e: Entry | null): void {
    if (value === null) return;
    if (typeof value === "string") {
      this.warnings.push(value);
      return;
    }
    if (!this.names) {
      this.connections.push(value);
      return;
    }
    if (e === null) {
      this.connections.push(this.names(value));
      return;
    }
    if (e.namesVersion !== this.namesVersion || e.named === null) {
      const named = this.names(value);
      // Keep the object the analysis already knows when the names did not change.
      const same = e.named && e.named.pid === named.pid && e.named.process === named.process;
      if (!same) e.named = named;
      e.namesVersion = this.namesVersion;
    }
    this.connections.push(e.named as Connection);
  }

  /** The poll's connections in row order; rows not seen in this poll are forgotten. */
  end(): ParsedConnections {
    this.entries.length = this.n;
    if (this.cache.size > this.seen)
      for (const [k, e] of this.cache) if (e.seen !== this.tick) this.cache.delete(k);
    // The same flows as last poll, object for object: hand back last poll's array,
    // so everything downstream can tell "nothing changed" by identity.
    if (sameItems(this.lastConnections, this.connections) && sameItems(this.lastWarnings, this.warnings)) {
      this.connections = this.lastConnections;
      this.warnings = this.lastWarnings;
    }
    this.lastConnections = this.connections;
    this.lastWarnings = this.warnings;
    return { connections: this.connections, warnings: this.warnings };
  }

  private lastConnections: Connection[] = [];
  private lastWarnings: string[] = [];

  /** Rows remembered (for tests and the bench). */
  get size(): number {
    return this.cache.size;
  }
}
