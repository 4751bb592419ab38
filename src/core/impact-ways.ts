// What a route change does beyond the flows that move by themselves: where new
// connections to the changed prefix will go, and where the stuck SYN_SENT
// connects go once retried. A socket keeps its source address, so on a strong
// host (Windows) a stuck connect never moves; the service's next try picks a
// new source by the new route, and that retry is the point of the fix.
import type { Way } from "./classify.js";
import { formatAddr, parsePrefix } from "./ip.js";
import { buildIndex, lookup, type RoutingIndex } from "./lookup.js";
import type { Analysis, ClassifiedConnection, RouteChange } from "./model.js";
import { applyChanges } from "./plan.js";

interface NewConnectionsWay {
  /** The changed prefix, "10.0.0.0/8". */
  destination: string;
  before: Way;
  after: Way;
}

export interface RetriedWay {
  /** A TCP connect stuck in SYN_SENT. */
  connection: ClassifiedConnection;
  /** Where it is stuck now. */
  before: Way;
  /** Where the service's next try (a new socket, a new source) will leave. */
  after: Way;
}

export interface ChangedWays {
  fresh: NewConnectionsWay[];
  retried: RetriedWay[];
}

const isSynSent = (c: ClassifiedConnection) =>
  c.protocol === "tcp" && c.state.toUpperCase().replace("-", "_") === "SYN_SENT";

const sameWay = (a: Way, b: Way) => a.interface === b.interface && a.gateway === b.gateway;

function wayTo(index: RoutingIndex, destination: string, dport?: number): Way {
  const r = lookup(index, { destination, ipproto: 6, ...(dport === undefined ? {} : { dport }) });
  return r.type === "unicast"
    ? { interface: r.interface, gateway: r.gateway }
    : { interface: null, gateway: null };
}

/** New and retried connections that the changes send by another card or gateway. */
export function changedWays(analysis: Analysis, changes: readonly RouteChange[]): ChangedWays {
  const snap = analysis.snapshot;
  if (!snap.routes.ok || !snap.interfaces.ok) return { fresh: [], retried: [] };
  const cards = snap.interfaces.value;
  const rules = snap.rules.ok ? snap.rules.value : [];
  const before = buildIndex(snap.os, cards, snap.routes.value, rules, snap.hostModel);
  const after = buildIndex(
    snap.os,
    cards,
    applyChanges(snap.routes.value, [...changes], cards, snap.os),
    rules,
    snap.hostModel,
  );
  const fresh: NewConnectionsWay[] = [];
  for (const change of changes) {
    const p = parsePrefix(change.destination);
    if (!p) continue;
    // The prefix's own address stands for it: a longer route inside it is its own story.
    const sample = formatAddr(p.addr);
    const was = wayTo(before, sample);
    const will = wayTo(after, sample);
    if (!sameWay(was, will)) fresh.push({ destination: change.destination, before: was, after: will });
  }
  const retried: RetriedWay[] = [];
  for (const c of analysis.connections) {
    if (!isSynSent(c)) continue;
    const will = wayTo(after, c.remote.address, c.remote.port);
    if (will.interface === null || sameWay(c.egress, will)) continue;
    // Only what the change moved: a retry that went this way before the change is not news.
    if (sameWay(wayTo(before, c.remote.address, c.remote.port), will)) continue;
    retried.push({ connection: c, before: { ...c.egress }, after: will });
  }
  return { fresh, retried };
}
