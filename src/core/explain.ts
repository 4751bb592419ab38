// `e` in the TUI: the engine's answer for one destination, the same question
// `dualhome explain` answers. The expectation comes from analyze() on a
// synthetic flow so the TUI and the analysis can never disagree.
import { analyze } from "./analyze.js";
import { isLoopback, normalizeAddr, parseAddr } from "./ip.js";
import { buildIndex, lookup, ownerOf } from "./lookup.js";
import type { Analysis, Connection, Expectation, LookupResult, Route, Verdict } from "./model.js";
import type { Policy } from "./policy.js";

export interface ExplainResult {
  destination: string;
  /** The protocol and port asked about, when one was given. */
  flow: { proto: "tcp" | "udp"; port: number } | null;
  source: string | null;
  interface: string | null;
  gateway: string | null;
  route: Route | null;
  type: LookupResult["type"];
  expected: Expectation | null;
  verdict: Verdict;
  why: string;
}

export interface ExplainContext {
  policy: Policy | null;
  policySource: string;
  /** The protocol and destination port, for hosts whose `ip rule`s select on them. */
  flow?: { proto: "tcp" | "udp"; port: number };
}

function loopback(address: string): boolean {
  const a = parseAddr(address);
  return a !== null && isLoopback(a);
}

function partValue<T>(part: { ok: true; value: T } | { ok: false }, empty: T): T {
  return part.ok ? part.value : empty;
}

/** Text is "<destination> [port <n>[/udp]] [from <source>]". */
export function explainDestination(
  analysis: Analysis,
  text: string,
  ctx: ExplainContext,
): { ok: true; result: ExplainResult } | { ok: false; error: string } {
  const m = /^\s*(\S+)(?:\s+port\s+(\S+?)(?:\/(tcp|udp))?)?(?:\s+from\s+(\S+))?\s*$/i.exec(text);
  const destination = m?.[1] ? normalizeAddr(m[1]) : null;
  if (!destination) return { ok: false, error: `"${text.trim()}" is not an IP address: type e.g. 10.1.1.20` };
  const portText = m?.[2];
  if (portText !== undefined) {
    const port = /^\d{1,5}$/.test(portText) ? Number(portText) : 0;
    if (port < 1 || port > 65535)
      return { ok: false, error: `port "${portText}" is not a number from 1 to 65535` };
    const proto = m?.[3]?.toLowerCase() === "udp" ? "udp" : "tcp";
    return explainDestination(analysis, `${destination}${m?.[4] ? ` from ${m[4]}` : ""}`, {
      ...ctx,
      flow: { proto, port },
    });
  }
  const fromText = m?.[4];
  const from = fromText ? normalizeAddr(fromText) : null;
  if (fromText && !from) return { ok: false, error: `"${fromText}" is not an IP address` };
  // As the kernel does (ip route get … from 127.0.0.1 answers "Invalid argument"): a loopback
  // source reaches only this host; a packet from it to anywhere else is a martian and is dropped.
  if (from && loopback(from) && !loopback(destination))
    return {
      ok: false,
      error: `${from} is a loopback address: the host never sends to ${destination} from it (the kernel refuses it as a source); use an address of one of its cards`,
    };
  const snap = analysis.snapshot;
  const interfaces = partValue(snap.interfaces, []);
  const index = buildIndex(
    snap.os,
    interfaces,
    partValue(snap.routes, []),
    partValue(snap.rules, []),
    snap.hostModel,
  );
  // Strong host (Windows 2008+) only considers routes of the card that owns the source.
  const owner = from && index.strongHost ? ownerOf(index, from) : null;
  if (from && index.strongHost && !owner)
    return { ok: false, error: `${from} is not an address of this host` };
  const v6 = destination.includes(":");
  // Without a port, the flow `ip route get` asks about: UDP on IPv4 (its default), protocol 0 on IPv6.
  const proto = ctx.flow?.proto ?? (v6 ? null : "udp");
  const hit = lookup(index, {
    destination,
    ...(from ? { source: from } : {}),
    ...(owner ? { oif: owner.name } : {}),
    ...(proto ? { ipproto: proto === "tcp" ? 6 : 17 } : {}),
    ...(ctx.flow ? { dport: ctx.flow.port } : {}),
  });
  const base = {
    destination,
    flow: ctx.flow ?? null,
    source: hit.source,
    interface: hit.interface,
    gateway: hit.gateway,
    route: hit.route,
    type: hit.type,
  };
  if (!hit.source) {
    const why = hit.type === "no-route" ? "no route matches" : `the route says ${hit.type}`;
    return { ok: true, result: { ...base, expected: null, verdict: "no-route", why } };
  }
  // A zero remote port reads as a listening socket to the classifier: without a port, 1 stands in.
  const probe: Connection = {
    protocol: proto ?? "tcp",
    family: v6 ? 6 : 4,
    local: { address: hit.source, port: 0 },
    remote: { address: destination, port: ctx.flow?.port ?? 1 },
    state: "ESTABLISHED",
    pid: null,
    process: null,
  };
  const synthetic = { ...snap, connections: { ok: true as const, value: [probe], warnings: [] } };
  const classified = analyze(synthetic, { policy: ctx.policy, policySource: ctx.policySource })
    .connections[0];
  if (!classified)
    return { ok: true, result: { ...base, expected: null, verdict: "unknown", why: "not classified" } };
  // Only rules selecting on protocol or ports can part the two answers (the stand-in port 1 is not 0).
  const l4Rules = index.rules.some((r) => r.ipproto !== undefined || r.sport || r.dport);
  if (
    l4Rules &&
    classified.egress.interface !== null &&
    (classified.egress.interface !== hit.interface || classified.egress.gateway !== hit.gateway)
  )
    return {
      ok: true,
      result: {
        ...base,
        expected: classified.expected,
        verdict: "unknown",
        why: "the policy rules here select on ports: ask again with the destination port",
      },
    };
  return {
    ok: true,
    result: { ...base, expected: classified.expected, verdict: classified.verdict, why: classified.why },
  };
}
