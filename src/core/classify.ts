// One connection: which card and gateway it leaves by, what the policy wants,
// and a verdict with a one-line reason. Windows (Vista/2008+) is strong host: a
// flow leaves by the card that owns its local address, using only that card's
// routes. Linux and macOS are weak host: the lookup runs from the local address
// over every card's routes.
import { describeWay, type Expecter, judge, matchPolicy } from "./expect.js";
import { type Intent, isSynSent, POLICY_INTENT } from "./intent.js";
import { formatAddr, isLinkLocal, isLoopback, parseAddr, splitZone, unmapV4 } from "./ip.js";
import { lookup, ownerOf, type RoutingIndex } from "./lookup.js";
import type { Basis, ClassifiedConnection, Connection, LookupResult, NetInterface } from "./model.js";

export interface Way {
  interface: string | null;
  gateway: string | null;
}

type EgressOutcome =
  /** Nothing leaves, or nothing to compare (listening, loopback, link-local, to this host). */
  | { kind: "none"; egress: Way; why: string }
  | { kind: "unknown"; egress: Way; why: string }
  | { kind: "route"; egress: Way; result: LookupResult; owner: NetInterface | null };

const NOWHERE: Way = { interface: null, gateway: null };
const LISTENING = new Set(["LISTEN", "LISTENING", "UNCONN", "CLOSED", ""]);

function addr(s: string) {
  const a = parseAddr(splitZone(s).address);
  return a ? unmapV4(a) : null;
}

/** Keys of rows a collector hands out again poll after poll: 50,000 of them each second. */
const keys = new WeakMap<Connection, string>();

/** Stable across polls, e.g. "tcp 192.168.1.10:50123>10.1.1.20:5061". */
export function connectionKey(c: Connection): string {
  const known = keys.get(c);
  if (known !== undefined) return known;
  const key = `${c.protocol} ${endpointText(c.local)}>${endpointText(c.remote)}`;
  keys.set(c, key);
  return key;
}

export function endpointText(e: { address: string; port: number; service?: string }): string {
  const a = parseAddr(splitZone(e.address).address);
  const text = a ? formatAddr(unmapV4(a)) : e.address;
  const port = e.port < 0 && e.service !== undefined ? e.service : e.port;
  return text.includes(":") ? `[${text}]:${port}` : `${text}:${port}`;
}

type Addr = NonNullable<ReturnType<typeof addr>>;

function waits(c: Connection, remote: Addr): boolean {
  return LISTENING.has(c.state.toUpperCase()) || remote.v === 0 || remote.v === 0n || c.remote.port === 0;
}

/** A socket that waits (LISTEN, UDP unconnected, no far end): nothing leaves by it, so it is no flow. */
export function isListening(c: Connection): boolean {
  const remote = addr(c.remote.address);
  return !remote || waits(c, remote);
}

/** Where this connection's packets leave, by the OS's host model. */
export function egressOf(index: RoutingIndex, c: Connection): EgressOutcome {
  const local = addr(c.local.address);
  const remote = addr(c.remote.address);
  if (!remote || waits(c, remote)) return { kind: "none", egress: NOWHERE, why: "listening: nothing leaves" };
  if (isLoopback(remote) || (local && isLoopback(local)))
    return { kind: "none", egress: NOWHERE, why: "loopback: stays inside this host" };
  const owner = ownerOf(index, c.local.address);
  let result: LookupResult;
  if (index.strongHost) {
    if (!owner)
      return {
        kind: "unknown",
        egress: NOWHERE,
        why: `local address ${c.local.address} is on no card: cannot tell which card it leaves by`,
      };
    result = lookup(index, { destination: c.remote.address, source: c.local.address, oif: owner.name });
  } else {
    result = lookup(index, {
      destination: c.remote.address,
      source: c.local.address,
      // Policy rules may select on protocol and ports (`ip rule … ipproto tcp dport 5061`).
      ipproto: c.protocol === "tcp" ? 6 : 17,
      sport: c.local.port,
      dport: c.remote.port,
      ...(c.mark === undefined ? {} : { fwmark: c.mark }),
      ...(c.boundInterface === undefined ? {} : { oif: c.boundInterface }),
    });
  }
  const egress = { interface: result.interface, gateway: result.gateway };
  if (result.type === "local") return { kind: "none", egress, why: "to this host's own address" };
  if (result.type === "unicast" && isLinkLocal(remote))
    return { kind: "none", egress, why: `link-local: stays on ${egress.interface ?? "its link"}` };
  if (result.type === "broadcast" || result.type === "multicast")
    return { kind: "none", egress, why: `${result.type}: not routed` };
  return { kind: "route", egress, result, owner };
}

function noRouteWhy(c: Connection, os: string, result: LookupResult, owner: NetInterface | null): string {
  const to = c.remote.address;
  if (result.type !== "no-route") {
    const by = result.route ? `route ${result.route.destination}` : `rule ${result.rule ?? "?"}`;
    return `${to} is ${result.type === "unreachable" ? "unreachable" : result.type} by ${by}`;
  }
  if (os === "windows" && owner)
    return `no route to ${to} on ${owner.name} (strong host: a flow from ${c.local.address} may only use ${owner.name}'s routes)`;
  return `no route to ${to} from ${c.local.address}`;
}

function base(
  c: Connection,
  egress: Way,
  basis: Basis = "evidence",
): Omit<ClassifiedConnection, "expected" | "verdict" | "why"> {
  return { ...c, egress: { interface: egress.interface, gateway: egress.gateway }, basis };
}

/**
 * Classifies one connection. `blind` says why no verdict is possible (e.g. routes
 * unreadable); `intent` whether the policy was written or guessed. A verdict that
 * rests on no rule (listening, a connected subnet) has the basis "evidence".
 */
export function classifyConnection(
  index: RoutingIndex,
  exp: Expecter,
  c: Connection,
  blind?: string,
  intent: Intent = POLICY_INTENT,
): ClassifiedConnection {
  if (blind) return { ...base(c, NOWHERE), expected: null, verdict: "unknown", why: blind };
  const out = egressOf(index, c);
  if (out.kind === "none") return { ...base(c, out.egress), expected: null, verdict: "ok", why: out.why };
  if (out.kind === "unknown")
    return { ...base(c, out.egress), expected: null, verdict: "unknown", why: out.why };
  const { result, owner, egress } = out;
  const m = matchPolicy(exp, c.remote.address);
  const first = judge(m, egress);
  const ruled: Basis = m.kind === "rule" ? intent.basis : "evidence";
  if (result.type !== "unicast")
    return {
      ...base(c, egress, ruled),
      expected: first.expected,
      verdict: "no-route",
      why: noRouteWhy(c, index.os, result, owner),
    };
  const leaves = describeWay(egress);
  const expected = first.expected;
  if (!expected) {
    const why = `no policy rule covers ${c.remote.address}; leaves ${leaves}`;
    return { ...base(c, egress, ruled), expected, verdict: "ok", why };
  }
  const wants = describeWay(expected, true);
  if (first.match === null) {
    const missing = m.kind === "rule" ? exp.problems.find((p) => p.includes(`'${m.rule.name}'`)) : undefined;
    const why = missing ?? `cannot compare: leaves ${leaves}, policy wants ${wants}`;
    return { ...base(c, egress, ruled), expected, verdict: "unknown", why };
  }
  // A multipath route hashes each flow to one hop we cannot see: all must agree.
  const hops = result.multipath ?? [];
  const hopMatches = hops.map((h) => judge(m, { interface: h.interface, gateway: h.gateway }).match);
  if (hops.length > 1 && hopMatches.some((x) => x) && hopMatches.some((x) => !x)) {
    const why = `multipath: only some next hops leave by ${wants} as ${expected.reason} wants`;
    return { ...base(c, egress, ruled), expected, verdict: "unknown", why };
  }
  if (first.match) {
    const why =
      m.kind === "connected"
        ? `${expected.reason}; leaves ${leaves}`
        : `leaves ${leaves}, as ${expected.reason} wants`;
    return { ...base(c, egress, ruled), expected, verdict: "ok", why };
  }
  const bound =
    index.strongHost && owner ? ` (strong host: bound to ${owner.name}'s ${c.local.address})` : "";
  // A SYN nobody answers on the card a guess calls wrong is what confirms the guess.
  const seen = ruled === "inferred" && c.protocol === "tcp" && isSynSent(c.state);
  const guessed = seen ? "; the unanswered SYN confirms the guess" : "";
  const why = `leaves ${leaves}${bound}; ${expected.reason} wants ${wants}${guessed}`;
  return { ...base(c, egress, seen ? "evidence" : ruled), expected, verdict: "wrong-nic", why };
}
