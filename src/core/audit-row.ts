// One line of `dualhome audit` per host: what a person scanning a fleet needs first.
import type { Analysis, RouteChange, Severity } from "./model.js";
import { commandLine, shellFor } from "./shell-quote.js";

export interface AuditRow {
  host: string;
  /** The name the host gave itself (uname -n), when it answered. */
  hostname: string | null;
  reachable: boolean;
  /** Why it could not be checked; null when it was. */
  reason: string | null;
  findings: Record<Severity, number>;
  /** Ids of the findings, most severe first. */
  findingIds: string[];
  wrongFlows: number;
  stuckSyn: number;
  /** The first fix of the most severe finding that has one, as the command line to run there. */
  firstFix: string | null;
  /** Parts that failed there (routes, connections, …): the row is then incomplete. */
  failedParts: string[];
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function auditRow(
  host: string,
  analysis: Analysis,
  renderArgv: (change: RouteChange) => string[] | null,
): AuditRow {
  const findings = { error: 0, warning: 0, info: 0 };
  const sorted = [...analysis.findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  for (const f of sorted) findings[f.severity]++;
  let firstFix: string | null = null;
  for (const f of sorted) {
    const argv = f.fix[0] ? renderArgv(f.fix[0]) : null;
    if (argv) {
      firstFix = commandLine(argv, shellFor(argv));
      break;
    }
  }
  const s = analysis.snapshot;
  const parts = { interfaces: s.interfaces, routes: s.routes, rules: s.rules, connections: s.connections };
  return {
    host,
    hostname: s.host,
    reachable: true,
    reason: null,
    findings,
    findingIds: [...new Set(sorted.map((f) => f.id))],
    wrongFlows: analysis.connections.filter((c) => c.verdict === "wrong-nic").length,
    stuckSyn: analysis.connections.filter((c) => c.state === "SYN_SENT").length,
    firstFix,
    failedParts: Object.entries(parts)
      .filter(([, p]) => !p.ok)
      .map(([name]) => name),
  };
}

export function unreachableRow(host: string, reason: string): AuditRow {
  return {
    host,
    hostname: null,
    reachable: false,
    reason,
    findings: { error: 0, warning: 0, info: 0 },
    findingIds: [],
    wrongFlows: 0,
    stuckSyn: 0,
    firstFix: null,
    failedParts: [],
  };
}

/** audit's exit code: 2 a host could not be checked, 1 findings of severity error, 0 clean. */
export function auditExitCode(rows: readonly AuditRow[]): number {
  if (rows.some((r) => !r.reachable || r.failedParts.some((p) => p !== "rules"))) return 2;
  return rows.some((r) => r.findings.error > 0) ? 1 : 0;
}
