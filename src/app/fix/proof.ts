// The proof of the fix: a TCP connect to the internal host:port (which card and
// gateway did it leave by, judged by the engine against the answered policy),
// and the flows that were wrong, counted again.
import { analyze, connectionKey } from "../../core/analyze.js";
import { classifyConnection } from "../../core/classify.js";
import { buildExpecter } from "../../core/expect.js";
import { contains } from "../../core/ip.js";
import { buildIndex } from "../../core/lookup.js";
import type { Analysis, Connection, Snapshot } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import type { Platform } from "../../system/platform.js";
import type { ProbeResult } from "../../system/probe.js";
import type { ProbeFn } from "../probe.js";
import { isSynSent, wrongFlows } from "./facts.js";
import type { Intent, ProofView, Target } from "./types.js";

/** Which card and gateway the probe's connection left by, and whether that is the intent. */
function judgeProbe(
  snap: Snapshot,
  policy: Policy,
  intent: Intent,
  r: ProbeResult,
): { card: string | null; gateway: string | null; ok: boolean } {
  if (!r.source || !snap.interfaces.ok || !snap.routes.ok) return { card: null, gateway: null, ok: false };
  const cards = snap.interfaces.value;
  const index = buildIndex(
    snap.os,
    cards,
    snap.routes.value,
    snap.rules.ok ? snap.rules.value : [],
    snap.hostModel,
  );
  const conn: Connection = {
    protocol: "tcp",
    family: r.source.includes(":") ? 6 : 4,
    local: { address: r.source, port: r.sourcePort ?? 0 },
    remote: { address: r.host, port: r.port },
    state: "SYN_SENT",
    pid: null,
    process: null,
  };
  const c = classifyConnection(index, buildExpecter(policy, cards), conn);
  const ok = r.outcome === "connected" && c.verdict === "ok" && c.egress.interface === intent.card;
  return { card: c.egress.interface, gateway: c.egress.gateway, ok };
}

/** Flows the internal rule governs (not the directly connected subnet) that leave as it wants. */
function rightFlows(a: Analysis, intent: Intent): number {
  return a.connections.filter(
    (c) =>
      c.verdict === "ok" &&
      c.expected?.interface === intent.card &&
      c.expected.gateway === intent.gateway &&
      intent.ranges.some((r) => contains(r, c.remote.address)),
  ).length;
}

/** Why flows are still wrong after the fix, when they are. */
function stillWrongNote(a: Analysis, fixedAt: number, firstSeen: ReadonlyMap<string, number>): string | null {
  const wrong = wrongFlows(a);
  if (wrong.length === 0) return null;
  const old = wrong.filter((c) => (firstSeen.get(connectionKey(c)) ?? fixedAt) < fixedAt);
  if (old.length < wrong.length)
    return "some flows that started after the fix leave the wrong card: check the plan's steps";
  return a.snapshot.os === "windows" && old.some(isSynSent)
    ? "they started before the fix and stay on the card of their local address; they time out by themselves and the retries leave by the right card"
    : "they started before the fix; if they stay, restart the application that holds them";
}

interface ProofDeps {
  platform: Platform;
  probe: ProbeFn | null;
  clock: () => number;
}

interface Measured {
  analysis: Analysis;
  /** connectionKey → first seen, carried over from the last poll. */
  firstSeen: Map<string, number>;
  at: number;
}

/** One poll, analysed against `policy` (null: inferred), flows keeping the time they were first seen. */
export async function measure(
  d: Pick<ProofDeps, "platform" | "clock">,
  policy: Policy | null,
  firstSeen: ReadonlyMap<string, number>,
): Promise<Measured> {
  const snap = await d.platform.collect({ processNames: true });
  const at = d.clock();
  const seen = new Map<string, number>();
  if (snap.connections.ok)
    for (const c of snap.connections.value) seen.set(connectionKey(c), firstSeen.get(connectionKey(c)) ?? at);
  const source = policy ? { policy, policySource: "answers" } : {};
  return { analysis: analyze(snap, { ...source, now: at, firstSeen: seen }), firstSeen: seen, at };
}

interface ProofBase {
  wrongBefore: number;
  firstSeen: ReadonlyMap<string, number>;
  /** When the first step was applied: flows first seen before it started before the fix. */
  fixedAt: number;
}

/** The counts part of a proof, from a fresh measurement. */
export function countsOf(
  m: Measured,
  intent: Intent,
  fixedAt: number,
): Pick<ProofView, "wrongNow" | "rightNow" | "polledAt" | "note"> {
  return {
    wrongNow: wrongFlows(m.analysis).length,
    rightNow: rightFlows(m.analysis, intent),
    polledAt: m.at,
    note: stillWrongNote(m.analysis, fixedAt, m.firstSeen),
  };
}

export async function prove(
  d: ProofDeps,
  target: Target | null,
  policy: Policy,
  intent: Intent,
  base: ProofBase,
): Promise<{ proof: ProofView; firstSeen: Map<string, number> }> {
  const result = target && d.probe ? await d.probe(target.host, target.port) : null;
  const at = d.clock();
  const m = await measure(d, policy, base.firstSeen);
  const judged = result ? judgeProbe(m.analysis.snapshot, policy, intent, result) : null;
  const proof: ProofView = {
    target,
    result,
    card: judged?.card ?? null,
    gateway: judged?.gateway ?? null,
    ok: judged?.ok ?? false,
    at,
    wrongBefore: base.wrongBefore,
    ...countsOf(m, intent, base.fixedAt),
  };
  return { proof, firstSeen: m.firstSeen };
}
