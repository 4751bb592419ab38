// A full `ip route show table all` read against the previous one, on raw bytes.
// Real rows (test/fixtures/linux-captured/ip-route-show-table-all.txt):
//   10.0.0.0/8 via 192.168.1.254 dev eth2 metric 10
//   10.50.0.0/16
//   	nexthop via 192.168.1.5 dev eth1 weight 1
// Rows come in the kernel's stable order; a row whose bytes did not change
// (compared by two 32-bit hashes of its lines, multipath nexthops included)
// keeps its Route object and is never decoded nor parsed. Re-reading a million
// unchanged routes thus costs a hash per row and allocates almost nothing:
// decoding and parsing them again would make 200 MB of garbage, which V8 (having
// learnt that routes live long) puts straight into the old generation.
import { Buffer } from "node:buffer";
import type { Family, Route } from "../../core/model.js";
import { sameRoute } from "../../core/routes-diff.js";
import { RouteLineParser } from "./route-lines.js";

/** One family's last full read: its routes and each row's hashes, in kernel order. */
export interface DumpState {
  routes: Route[];
  h1: Int32Array;
  h2: Int32Array;
}

/** How far ahead to look for an unchanged row after rows were added or removed before it. */
const WINDOW = 16;
const NL = 10;

export class RouteDump {
  /** Sized from the last read up front: growing million-element arrays by doubling is 60 MB of garbage. */
  private routes: Route[];
  private h1: Int32Array;
  private h2: Int32Array;
  private n = 0;
  /** The entry being read: its route line and nexthop lines (kept only to parse a changed row). */
  private first: Buffer | null = null;
  private firstStart = 0;
  private firstEnd = 0;
  private more: { buf: Buffer; start: number; end: number }[] = [];
  private a = 0;
  private b = 0;
  private cursor = 0;
  /** A line cut by the end of a chunk. */
  private carry: Buffer | null = null;
  private parsed: Route | null = null;
  private readonly parser: RouteLineParser;
  /** Rows parsed because they were new or changed (for tests and the bench). */
  parsedRows = 0;

  constructor(
    private readonly prev: DumpState | null,
    family: Family,
  ) {
    const size = (prev?.routes.length ?? 0) + 1024;
    this.routes = new Array(size);
    this.h1 = new Int32Array(size);
    this.h2 = new Int32Array(size);
    this.parser = new RouteLineParser(
      { family },
      (r) => {
        this.parsed = r;
      },
      false,
    );
  }

  pushBytes(chunk: Uint8Array): void {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.carry) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = null;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(NL, start);
      if (nl < 0) break;
      this.line(buf, start, nl);
      start = nl + 1;
    }
    if (start < buf.length) this.carry = Buffer.from(buf.subarray(start));
  }

  /** For tests: text as the kernel would print it. */
  pushText(text: string): void {
    this.pushBytes(Buffer.from(text, "utf8"));
  }

  private line(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === 13) end--;
    if (end === start) return;
    const c = buf[start];
    const continuation = (c === 32 || c === 9) && this.first !== null;
    if (!continuation) {
      this.finish();
      this.a = 0x811c9dc5;
      this.b = 0x01000193;
      this.first = buf;
      this.firstStart = start;
      this.firstEnd = end;
    } else this.more.push({ buf, start, end });
    // Two cheap hashes (FNV-1a and a multiplicative one) over the entry's bytes.
    let a = this.a;
    let b = this.b;
    for (let i = start; i < end; i++) {
      const x = buf[i] as number;
      a = Math.imul(a ^ x, 0x01000193);
      b = (Math.imul(b, 31) + x) | 0;
    }
    this.a = Math.imul(a ^ NL, 0x01000193);
    this.b = b;
  }

  private finish(): void {
    const first = this.first;
    if (first === null) return;
    this.first = null;
    const more = this.more;
    if (more.length > 0) this.more = [];
    const a = this.a | 0;
    const b = this.b;
    const prev = this.prev;
    if (prev) {
      const end = Math.min(prev.routes.length, this.cursor + WINDOW + 1);
      for (let k = this.cursor; k < end; k++)
        if (prev.h1[k] === a && prev.h2[k] === b) {
          this.keep(prev.routes[k] as Route, a, b);
          this.cursor = k + 1;
          return;
        }
    }
    this.parsedRows++;
    this.parsed = null;
    this.parser.push(first.toString("utf8", this.firstStart, this.firstEnd));
    for (const l of more) this.parser.push(l.buf.toString("utf8", l.start, l.end));
    this.parser.flush();
    const r = this.parsed as Route | null;
    if (r) this.keep(this.sameAsBefore(r) ?? r, a, b);
  }

  /** The previous read's object for a row whose text changed but not its route (an IPv6 `expires` counting down). */
  private sameAsBefore(r: Route): Route | null {
    const prev = this.prev;
    if (!prev) return null;
    const end = Math.min(prev.routes.length, this.cursor + WINDOW + 1);
    for (let k = this.cursor; k < end; k++) {
      const old = prev.routes[k] as Route;
      if (sameRoute(old, r)) {
        this.cursor = k + 1;
        return old;
      }
    }
    return null;
  }

  private keep(r: Route, a: number, b: number): void {
    if (this.n === this.h1.length) {
      const size = this.n * 2;
      const h1 = new Int32Array(size);
      const h2 = new Int32Array(size);
      h1.set(this.h1);
      h2.set(this.h2);
      this.h1 = h1;
      this.h2 = h2;
    }
    this.routes[this.n] = r;
    this.h1[this.n] = a;
    this.h2[this.n++] = b;
  }

  get warnings(): string[] {
    return this.parser.warnings;
  }

  end(): DumpState {
    if (this.carry) {
      const rest = this.carry;
      this.carry = null;
      this.line(rest, 0, rest.length);
    }
    this.finish();
    const n = this.n;
    this.routes.length = n;
    const state = { routes: this.routes, h1: this.h1.slice(0, n), h2: this.h2.slice(0, n) };
    this.routes = [];
    return state;
  }
}
