// The stable JSON of snapshot / check / analyze (README.md, "What you can do"), versioned by schemaVersion.
// Still version 1: fields are only ever added. Added since: `basis` on connections and
// findings ("policy" | "inferred" | "evidence": what the verdict rests on) and the
// finding id "intent-ambiguous"; an interface's `index` null and `up` "unknown" where no
// output said (route print alone); without a policy file a wrong card is an error only
// with evidence (basis "evidence"), else a warning (basis "inferred").
import type { Analysis, Part, RouteChange } from "../core/model.js";

export const SCHEMA_VERSION = 1;

// One spelling of "ip:port" everywhere (IPv6 in brackets), the engine's.
import { endpointText } from "../core/classify.js";

export { endpointText };

function partStatus<T>(p: Part<T>): { ok: boolean; error?: string; hint?: string; warnings: string[] } {
  return p.ok
    ? { ok: true, warnings: p.warnings }
    : { ok: false, error: p.error, ...(p.hint ? { hint: p.hint } : {}), warnings: p.warnings };
}

export type ArgvRenderer = (change: RouteChange) => string[] | null;

export function analysisJson(a: Analysis, renderArgv: ArgvRenderer): Record<string, unknown> {
  const s = a.snapshot;
  const value = <T>(p: Part<T[]>): T[] => (p.ok ? p.value : []);
  return {
    schemaVersion: SCHEMA_VERSION,
    platform: s.platform,
    collector: s.collector,
    host: s.host,
    takenAt: new Date(s.takenAt).toISOString(),
    hostModel: s.hostModel ?? (s.os === "windows" ? "strong" : "weak"),
    policy: a.policySource,
    policyProblems: a.policyProblems ?? [],
    parts: {
      interfaces: partStatus(s.interfaces),
      routes: partStatus(s.routes),
      rules: partStatus(s.rules),
      connections: partStatus(s.connections),
      sysctls: partStatus(s.sysctls),
    },
    notes: s.notes ?? [],
    interfaces: value(s.interfaces).map((i) => ({
      name: i.name,
      // What no output said is null / "unknown", not a value nobody observed.
      index: i.unknown?.includes("index") ? null : i.index,
      addresses: i.addresses.map((x) => `${x.address}/${x.prefixLen}`),
      up: i.unknown?.includes("up") ? "unknown" : i.up,
      ...(i.description ? { description: i.description } : {}),
      ...(i.metric === undefined ? {} : { metric: i.metric }),
    })),
    routes: value(s.routes).map((r) => ({
      destination: r.destination,
      gateway: r.gateway,
      interface: r.interface,
      metric: r.metric,
      table: r.table,
      type: r.type,
      persistent: r.persistent,
      ...(r.nexthops ? { nexthops: r.nexthops } : {}),
      ...(r.prefsrc ? { prefsrc: r.prefsrc } : {}),
    })),
    // Linux policy rules as the engine read them (selectors it does not model are in the parts' warnings).
    rules: value(s.rules).map((r) => ({ ...r })),
    connections: a.connections.map((c) => ({
      protocol: c.protocol,
      local: endpointText(c.local),
      remote: endpointText(c.remote),
      state: c.state,
      pid: c.pid,
      process: c.process,
      egress: c.egress,
      expected: c.expected ? { interface: c.expected.interface, gateway: c.expected.gateway } : null,
      verdict: c.verdict,
      basis: c.basis,
      why: c.why,
    })),
    findings: a.findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      basis: f.basis,
      message: f.message,
      ...(f.subject ? { subject: f.subject } : {}),
      fix: f.fix.map((ch) => ({
        action: ch.action,
        destination: ch.destination,
        gateway: ch.gateway,
        interface: ch.interface,
        ...(ch.metric === undefined ? {} : { metric: ch.metric }),
        persistent: ch.persistent,
        ...(ch.table ? { table: ch.table } : {}),
        argv: renderArgv(ch),
      })),
    })),
  };
}

/** check's exit code: 0 clean, 1 findings of severity error, 2 the tool failed. */
export function checkExitCode(a: Analysis): number {
  const s = a.snapshot;
  // A part that was simply not given to `analyze` is not a failure of the tool.
  const failed = (p: Part<unknown>) => !p.ok && !p.error.startsWith("not given");
  if (failed(s.routes) || failed(s.interfaces) || failed(s.connections)) return 2;
  // A policy naming a card this host lacks cannot be checked: that is bad input, not a clean bill.
  if (a.policyProblems?.length) return 2;
  return a.findings.some((f) => f.severity === "error") ? 1 : 0;
}
