// The whole analysis of one snapshot: index built once, every connection
// classified against the policy (from a file, or inferred from the host), and
// the findings, most severe first.
import { classifyConnection, connectionKey } from "./classify.js";
import { buildExpecter } from "./expect.js";
import { type FindingContext, SEVERITY_RANK } from "./findings-context.js";
import { sourceOnOtherNicFindings, stuckSynFindings } from "./findings-flows.js";
import { rpFilterFindings, sameSubnetFindings } from "./findings-host.js";
import { routeNotPinnedFindings, wrongNicRouteFindings } from "./findings-policy.js";
import {
  multipleDefaultFindings,
  notPersistentFindings,
  unstableIfindexFindings,
} from "./findings-routes.js";
import { buildIndex } from "./lookup.js";
import type { Analysis, Finding, Part, Snapshot } from "./model.js";
import type { Policy } from "./policy.js";
import { inferPolicy } from "./policy-infer.js";

export { connectionKey };

export interface AnalyzeOptions {
  /** null/undefined: inferred from the host. */
  policy?: Policy | null;
  /** Where the policy came from (a file path); shown as Analysis.policySource. */
  policySource?: string;
  /** Epoch ms of this analysis, for durations such as stuck SYNs. */
  now?: number;
  /** connectionKey → epoch ms first seen, kept by the app across polls. */
  firstSeen?: ReadonlyMap<string, number>;
}

function valueOr<T>(part: Part<T>, fallback: T): T {
  return part.ok ? part.value : fallback;
}

const RULES = [
  wrongNicRouteFindings,
  routeNotPinnedFindings,
  multipleDefaultFindings,
  notPersistentFindings,
  unstableIfindexFindings,
  sameSubnetFindings,
  rpFilterFindings,
  sourceOnOtherNicFindings,
  stuckSynFindings,
];

export function analyze(snapshot: Snapshot, opts: AnalyzeOptions = {}): Analysis {
  const interfaces = valueOr(snapshot.interfaces, []);
  const routes = valueOr(snapshot.routes, []);
  const rules = valueOr(snapshot.rules, []);
  const index = buildIndex(snapshot.os, interfaces, routes, rules, snapshot.hostModel);
  const fromFile = opts.policy !== null && opts.policy !== undefined;
  const policy = opts.policy ?? inferPolicy(interfaces, routes).policy;
  const expecter = buildExpecter(policy, interfaces);
  // Without cards or routes every verdict would be a guess: say why instead.
  const blind = !snapshot.routes.ok
    ? `routes could not be read: ${snapshot.routes.error}`
    : !snapshot.interfaces.ok
      ? `network cards could not be read: ${snapshot.interfaces.error}`
      : undefined;
  const connections = valueOr(snapshot.connections, []).map((c) =>
    classifyConnection(index, expecter, c, blind),
  );
  const ctx: FindingContext = {
    os: snapshot.os,
    collector: snapshot.collector,
    interfaces,
    routes,
    rules,
    index,
    expecter,
    connections,
    sysctls: snapshot.sysctls.ok ? snapshot.sysctls.value : null,
    ...(opts.now === undefined ? {} : { now: opts.now }),
    ...(opts.firstSeen === undefined ? {} : { firstSeen: opts.firstSeen }),
  };
  const findings: Finding[] = RULES.flatMap((rule) => rule(ctx));
  // Array.prototype.sort is stable: within a severity, rules keep their order.
  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return {
    snapshot,
    connections,
    findings,
    policySource: fromFile ? (opts.policySource ?? "policy file") : "inferred",
    policyProblems: expecter.problems,
  };
}
