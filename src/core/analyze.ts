// The whole analysis of one snapshot: index built once, every connection
// classified against the policy (from a file, or inferred from the host), and
// the findings, most severe first.
import { classifyConnection, connectionKey } from "./classify.js";
import { buildExpecter, type Expecter } from "./expect.js";
import { type FindingContext, SEVERITY_RANK } from "./findings-context.js";
import { sourceOnOtherNicFindings, stuckSynFindings } from "./findings-flows.js";
import { rpFilterFindings, sameSubnetFindings } from "./findings-host.js";
import { intentAmbiguousFindings } from "./findings-intent.js";
import { routeNotPinnedFindings, wrongNicRouteFindings } from "./findings-policy.js";
import {
  multipleDefaultFindings,
  notPersistentFindings,
  unstableIfindexFindings,
} from "./findings-routes.js";
import { guardFixes } from "./fix-guard.js";
import { type Intent, POLICY_INTENT, type ProbeTimeout } from "./intent.js";
import { buildIndex, type RoutingIndex } from "./lookup.js";
import type {
  Analysis,
  ClassifiedConnection,
  Finding,
  NetInterface,
  Part,
  PolicyRule,
  Route,
  Snapshot,
} from "./model.js";
import type { Policy } from "./policy.js";
import { type InferredPolicy, inferenceOf, inferPolicy } from "./policy-infer.js";

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
  /** Probes that timed out: evidence for a guessed intent (see intent.ts). */
  probeTimeouts?: readonly ProbeTimeout[];
}

function valueOr<T>(part: Part<T>, fallback: T): T {
  return part.ok ? part.value : fallback;
}

/**
 * Every finding rule, in report order. `flows`: the rule reads the connections
 * (or the clock), so it runs on every poll; the others depend on the host alone
 * and an incremental analysis reuses their findings while the host is unchanged.
 * An incremental analysis also hands the flow rules only the flows for which
 * flowMayMatter() holds: a new flow rule must keep that test a superset of the
 * flows it reports on (the equality property test then stays green).
 */
export const FINDING_RULES: readonly { rule: (ctx: FindingContext) => Finding[]; flows: boolean }[] = [
  { rule: intentAmbiguousFindings, flows: false },
  { rule: wrongNicRouteFindings, flows: true },
  { rule: routeNotPinnedFindings, flows: false },
  { rule: multipleDefaultFindings, flows: false },
  { rule: notPersistentFindings, flows: false },
  { rule: unstableIfindexFindings, flows: false },
  { rule: sameSubnetFindings, flows: false },
  { rule: rpFilterFindings, flows: false },
  { rule: sourceOnOtherNicFindings, flows: true },
  { rule: stuckSynFindings, flows: true },
];

/**
 * Could a flow rule report this flow? wrong-nic-route: a wrong-nic verdict;
 * stuck-syn: TCP in SYN_SENT (any spelling: 8 letters); source-on-other-nic: a
 * local address owned by another card than the one the flow leaves by.
 */
export function flowMayMatter(
  c: ClassifiedConnection,
  ownerOf: (address: string) => NetInterface | null,
): boolean {
  if (c.verdict === "wrong-nic") return true;
  if (c.protocol === "tcp" && c.state.length === 8) return true;
  const egress = c.egress.interface;
  if (egress === null) return false;
  const owner = ownerOf(c.local.address);
  return owner !== null && owner.name !== egress;
}

/** Everything an analysis reads off the host besides the connections. */
export interface HostView {
  interfaces: NetInterface[];
  routes: Route[];
  rules: PolicyRule[];
  index: RoutingIndex;
  policy: Policy;
  fromFile: boolean;
  expecter: Expecter;
  /** Written or guessed, and the guess. */
  intent: Intent;
  /** Why no verdict is possible (routes or cards unreadable), else undefined. */
  blind: string | undefined;
}

/** The host's side of an analysis; `index` and `policy` when the caller already has them. */
export function viewHost(
  snapshot: Snapshot,
  opts: AnalyzeOptions,
  known: { index?: RoutingIndex; policy?: Policy; expecter?: Expecter } = {},
): HostView {
  const interfaces = valueOr(snapshot.interfaces, []);
  const routes = valueOr(snapshot.routes, []);
  const rules = valueOr(snapshot.rules, []);
  const index = known.index ?? buildIndex(snapshot.os, interfaces, routes, rules, snapshot.hostModel);
  const fromFile = opts.policy !== null && opts.policy !== undefined;
  const inferred = fromFile
    ? null
    : known.policy
      ? inferenceOf(known.policy)
      : inferPolicy(interfaces, routes);
  const policy = opts.policy ?? known.policy ?? inferred?.policy ?? { rules: [] };
  const intent: Intent = fromFile
    ? POLICY_INTENT
    : inferred
      ? intentOf(inferred)
      : { basis: "inferred", guess: null, ambiguous: [] };
  const expecter = known.expecter ?? buildExpecter(policy, interfaces);
  // Without cards or routes every verdict would be a guess: say why instead.
  const blind = !snapshot.routes.ok
    ? `routes could not be read: ${snapshot.routes.error}`
    : !snapshot.interfaces.ok
      ? `network cards could not be read: ${snapshot.interfaces.error}`
      : undefined;
  return { interfaces, routes, rules, index, policy, fromFile, expecter, intent, blind };
}

/** The intent of a guessed policy. */
function intentOf(inferred: InferredPolicy): Intent {
  return { basis: "inferred", guess: inferred.guess, ambiguous: inferred.ambiguous };
}

export function findingContext(
  snapshot: Snapshot,
  opts: AnalyzeOptions,
  host: HostView,
  connections: ClassifiedConnection[],
): FindingContext {
  return {
    os: snapshot.os,
    collector: snapshot.collector,
    interfaces: host.interfaces,
    routes: host.routes,
    rules: host.rules,
    index: host.index,
    expecter: host.expecter,
    connections,
    intent: host.intent,
    sysctls: snapshot.sysctls.ok ? snapshot.sysctls.value : null,
    ...(opts.now === undefined ? {} : { now: opts.now }),
    ...(opts.firstSeen === undefined ? {} : { firstSeen: opts.firstSeen }),
    ...(opts.probeTimeouts === undefined ? {} : { probeTimeouts: opts.probeTimeouts }),
  };
}

/** The Analysis from its parts; `findings` in FINDING_RULES order, sorted here by severity. */
export function assemble(
  snapshot: Snapshot,
  opts: AnalyzeOptions,
  host: HostView,
  connections: ClassifiedConnection[],
  findings: Finding[],
): Analysis {
  // Array.prototype.sort is stable: within a severity, rules keep their order.
  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return {
    snapshot,
    connections,
    findings,
    policySource: host.fromFile ? (opts.policySource ?? "policy file") : "inferred",
    policyProblems: host.expecter.problems,
  };
}

export function analyze(snapshot: Snapshot, opts: AnalyzeOptions = {}): Analysis {
  const host = viewHost(snapshot, opts);
  const connections = valueOr(snapshot.connections, []).map((c) =>
    classifyConnection(host.index, host.expecter, c, host.blind, host.intent),
  );
  const ctx = findingContext(snapshot, opts, host, connections);
  const findings = guardFixes(
    ctx,
    FINDING_RULES.flatMap(({ rule }) => rule(ctx)),
  );
  return assemble(snapshot, opts, host, connections, findings);
}
