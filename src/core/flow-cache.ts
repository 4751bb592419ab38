// Classifications kept from poll to poll. A flow is classified again only when
// it is new, when its state changed, or when a route covering its remote
// address changed; otherwise the ClassifiedConnection of the last poll is
// handed out again (the same object when the collector gave the same row).
import { flowMayMatter, type HostView } from "./analyze.js";
import { classifyConnection, connectionKey } from "./classify.js";
import { type Addr, parseAddr, parsePrefix, splitZone, unmapV4 } from "./ip.js";
import { ownerFinder } from "./lookup.js";
import type { ClassifiedConnection, Connection, Route } from "./model.js";
import { PrefixTrie } from "./prefix-trie.js";

interface Entry {
  cc: ClassifiedConnection;
  /** The remote address, parsed when a route change first asks. */
  remote: Addr | null | undefined;
  /** flowMayMatter(cc): the flow rules see only these. */
  matters: boolean;
  /** The cache version the classification is valid for. */
  version: number;
  /** The last poll that saw it. */
  tick: number;
}

/** Besides the endpoints (connectionKey), everything classification reads of a flow; names and pids are not. */
function sameFlow(a: Connection, b: Connection): boolean {
  return (
    a.state === b.state &&
    a.family === b.family &&
    a.mark === b.mark &&
    a.boundInterface === b.boundInterface &&
    a.local.address === b.local.address &&
    a.remote.address === b.remote.address
  );
}

function remoteOf(c: Connection): Addr | null {
  const a = parseAddr(splitZone(c.remote.address).address);
  return a ? unmapV4(a) : null;
}

/** The prefixes of changed routes: a flow whose remote address none of them covers keeps its way out. */
class Changed {
  private readonly v4 = new PrefixTrie<true>(4);
  private readonly v6 = new PrefixTrie<true>(6);

  constructor(routes: readonly Route[]) {
    for (const r of routes) {
      const p = parsePrefix(r.destination, { family: r.family });
      if (p) (p.addr.family === 4 ? this.v4 : this.v6).insert(p, true);
    }
  }

  covers(a: Addr): boolean {
    return (a.family === 4 ? this.v4 : this.v6).longest(a, (v) => (v.length > 0 ? true : null)) !== null;
  }
}

export class FlowCache {
  private readonly byObject = new WeakMap<Connection, Entry>();
  /** connectionKey → the last entry of that flow, for a new row object of a known flow (names arrived). */
  private readonly byKey = new Map<string, Entry>();
  private version = 0;
  private tick = 0;
  private changed: Changed | null = null;
  /** Last poll's rows and entries in order (collectors list flows in a stable order); two buffers in turn. */
  private prevRows: readonly Connection[] = [];
  private prevEntries: Entry[] = [];
  private spare: Entry[] = [];

  /** The flows of the last classify() that the flow rules may report on, in order. */
  mattering: ClassifiedConnection[] = [];

  /** The host changed in a way that may move any flow (cards, rules, policy): classify all again. */
  invalidateAll(): void {
    this.version++;
    this.changed = null;
  }

  /** Only these routes changed: flows their prefixes do not cover stay as they are. */
  routesChanged(routes: readonly Route[]): void {
    this.version++;
    this.changed = new Changed(routes);
  }

  private valid(e: Entry): boolean {
    if (e.version === this.version) return true;
    if (e.version !== this.version - 1 || this.changed === null) return false;
    if (e.remote === undefined) e.remote = remoteOf(e.cc);
    if (e.remote !== null && this.changed.covers(e.remote)) return false;
    e.version = this.version;
    return true;
  }

  classify(host: HostView, connections: readonly Connection[]): ClassifiedConnection[] {
    const tick = ++this.tick;
    const out: ClassifiedConnection[] = new Array(connections.length);
    const mattering: ClassifiedConnection[] = [];
    const ownerOf = ownerFinder(host.index);
    const entries = this.spare;
    const prevRows = this.prevRows;
    const prevEntries = this.prevEntries;
    let cursor = 0;
    for (let i = 0; i < connections.length; i++) {
      const c = connections[i] as Connection;
      // The same row at (about) the same place as last poll: no hashing.
      let e: Entry | undefined;
      if (prevRows[cursor] === c) e = prevEntries[cursor++];
      else if (prevRows[cursor + 1] === c) {
        e = prevEntries[cursor + 1];
        cursor += 2;
      } else e = this.byObject.get(c);
      if (e === undefined || !this.valid(e)) e = this.classifyOne(host, c, e === undefined, ownerOf);
      e.tick = tick;
      entries[i] = e;
      out[i] = e.cc;
      if (e.matters) mattering.push(e.cc);
    }
    entries.length = connections.length;
    this.spare = prevEntries;
    this.prevRows = connections;
    this.prevEntries = entries;
    this.mattering = mattering;
    // Forget flows that are gone, once they are more than the live ones.
    if (this.byKey.size > 2 * connections.length + 1024)
      for (const [k, e] of this.byKey) if (e.tick !== tick) this.byKey.delete(k);
    return out;
  }

  private classifyOne(
    host: HostView,
    c: Connection,
    unknownRow: boolean,
    ownerOf: ReturnType<typeof ownerFinder>,
  ): Entry {
    const key = connectionKey(c);
    const twin = unknownRow ? this.byKey.get(key) : undefined;
    let cc: ClassifiedConnection;
    let remote: Addr | null | undefined;
    if (twin && sameFlow(twin.cc, c) && this.valid(twin)) {
      const t = twin.cc;
      cc = { ...c, egress: t.egress, expected: t.expected, verdict: t.verdict, basis: t.basis, why: t.why };
      remote = twin.remote;
    } else cc = classifyConnection(host.index, host.expecter, c, host.blind, host.intent);
    const e: Entry = { cc, remote, matters: flowMayMatter(cc, ownerOf), version: this.version, tick: 0 };
    this.byObject.set(c, e);
    this.byKey.set(key, e);
    return e;
  }
}
