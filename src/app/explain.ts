// `e` in the TUI: the engine's answer for one destination, the same question
// `dualhome explain` answers. The expectation comes from analyze() on a
// synthetic flow so the TUI and the analysis can never disagree.
import { analyze } from "../core/analyze.js";
import { normalizeAddr } from "../core/ip.js";
import { buildIndex, lookup, ownerOf } from "../core/lookup.js";
import type { Analysis, Connection, Expectation, LookupResult, Route, Verdict } from "../core/model.js";
import type { Policy } from "../core/policy.js";

export interface ExplainResult {
  destination: string;
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
}

function partValue<T>(part: { ok: true; value: T } | { ok: false }, empty: T): T {
  return part.ok ? part.value : empty;
}

/** Text is "<destination>" or "<destination> from <source>". */
export function explainDestination(
  analysis: Analysis,
  text: string,
  ctx: ExplainContext,
): { ok: true; result: ExplainResult } | { ok: false; error: string } {
  const m = /^\s*(\S+)(?:\s+from\s+(\S+))?\s*$/i.exec(text);
  const destination = m?.[1] ? normalizeAddr(m[1]) : null;
  if (!destination) return { ok: false, error: `"${text.trim()}" is not an IP address: type e.g. 10.1.1.20` };
  const fromText = m?.[2];
  const from = fromText ? normalizeAddr(fromText) : null;
  if (fromText && !from) return { ok: false, error: `"${fromText}" is not an IP address` };
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
  const hit = lookup(index, {
    destination,
    ...(from ? { source: from } : {}),
    ...(owner ? { oif: owner.name } : {}),
  });
  const base = {
    destination,
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
  // Non-zero ports: a zero remote port reads as a listening socket to the classifier.
  const probe: Connection = {
    protocol: "tcp",
    family: destination.includes(":") ? 6 : 4,
    local: { address: hit.source, port: 49152 },
    remote: { address: destination, port: 1 },
    state: "ESTABLISHED",
    pid: null,
    process: null,
  };
  const synthetic = { ...snap, connections: { ok: true as const, value: [probe], warnings: [] } };
  const classified = analyze(synthetic, { policy: ctx.policy, policySource: ctx.policySource })
    .connections[0];
  if (!classified)
    return { ok: true, result: { ...base, expected: null, verdict: "unknown", why: "not classified" } };
  return {
    ok: true,
    result: { ...base, expected: classified.expected, verdict: classified.verdict, why: classified.why },
  };
}
