// analyze(), poll after poll, doing only what changed. The result is always
// what analyze() would return for the same snapshot; what is skipped:
// - the routing index is rebuilt only when cards, rules or the host model change;
//   a route change is applied to it in place (a rebuild costs about 1 µs a route);
// - flows are classified again only when new, changed (state), or covered by a
//   changed route, or when the policy or cards changed (see flow-cache.ts);
// - findings about the host alone are reused while the host is unchanged.
// Parts are compared by identity: collectors that hand back the same arrays for
// unchanged parts (the live Linux platform) get all of this; others still get
// a field-by-field route diff and the flow cache.
import {
  type AnalyzeOptions,
  assemble,
  FINDING_RULES,
  findingContext,
  type HostView,
  viewHost,
} from "./analyze.js";
import type { Expecter } from "./expect.js";
import { guardFixes } from "./fix-guard.js";
import { FlowCache } from "./flow-cache.js";
import { applyRouteDelta } from "./index-update.js";
import { PRIVATE_V4, parsePrefix, prefixContainsPrefix } from "./ip.js";
import type { Analysis, Finding, Part, Route, Snapshot } from "./model.js";
import type { Policy } from "./policy.js";
import { type InferredPolicy, inferenceOf, inferPolicy } from "./policy-infer.js";
import { diffRoutes } from "./routes-diff.js";
import type { RoutingIndex } from "./routing-index.js";
import { sameData } from "./same-data.js";

type IncrementalAnalyzer = (snapshot: Snapshot, opts?: AnalyzeOptions) => Analysis;

interface Previous {
  snapshot: Snapshot;
  policyOption: Policy | null | undefined;
  host: HostView;
  /** Findings of the rules that read the host only, by FINDING_RULES index; null = compute. */
  hostFindings: (Finding[] | null)[] | null;
}

/** Cards, rules and sysctls are small: a collector that re-reads them every poll is compared by content. */
function samePart<T>(a: Part<T>, b: Part<T>): boolean {
  if (!a.ok || !b.ok) return !a.ok && !b.ok && a.error === b.error;
  return a.value === b.value || sameData(a.value, b.value);
}

/** Everything but the routes and the connections is as before. */
function sameFrame(p: Previous, s: Snapshot, opts: AnalyzeOptions): boolean {
  const q = p.snapshot;
  return (
    q.os === s.os &&
    q.collector === s.collector &&
    q.hostModel === s.hostModel &&
    p.policyOption === opts.policy &&
    samePart(q.interfaces, s.interfaces) &&
    samePart(q.rules, s.rules) &&
    samePart(q.sysctls, s.sysctls) &&
    q.routes.ok === s.routes.ok &&
    (s.routes.ok || (!q.routes.ok && q.routes.error === s.routes.error))
  );
}

const PRIVATE = PRIVATE_V4.map((t) => parsePrefix(t)).filter((p) => p !== null);

/** Could this route change the policy inferred from the host (defaults, gateways to private ranges)? */
function feedsInference(r: Route): boolean {
  if (r.destination === "0.0.0.0/0" || r.destination === "::/0") return true;
  if (r.gateway === null || r.family !== 4) return false;
  const p = parsePrefix(r.destination, { family: 4 });
  return !!p && p.len > 0 && PRIVATE.some((q) => prefixContainsPrefix(q, p));
}

function inferenceKey(i: InferredPolicy): unknown {
  return [i.policy, i.guess, i.ambiguous];
}

export function createIncrementalAnalyzer(): IncrementalAnalyzer {
  let prev: Previous | null = null;
  const flows = new FlowCache();

  /** The host after a route change applied in place, or null when a rebuild is needed. */
  function routesOnly(p: Previous, s: Snapshot, opts: AnalyzeOptions): HostView | null {
    const before = p.host.routes;
    const after = s.routes.ok ? s.routes.value : [];
    const delta = diffRoutes(before, after, Math.max(1024, after.length >> 3));
    if (!delta) return null;
    // A table read again with nothing changed (equal copies): the index and the flows stand.
    if (delta.removed.length === 0 && delta.added.length === 0)
      return viewHost(s, opts, { index: p.host.index, policy: p.host.policy, expecter: p.host.expecter });
    const index = applyRouteDelta(p.host.index, delta);
    if (!index) return null;
    let known: { index: RoutingIndex; policy: Policy; expecter?: Expecter } = {
      index,
      policy: p.host.policy,
      expecter: p.host.expecter,
    };
    if (!p.host.fromFile && (delta.added.some(feedsInference) || delta.removed.some(feedsInference))) {
      // The guess's words and doubts count too: they are in the findings.
      const inferred = inferPolicy(p.host.interfaces, after);
      const was = inferenceOf(p.host.policy);
      const same =
        was !== null && JSON.stringify(inferenceKey(inferred)) === JSON.stringify(inferenceKey(was));
      if (!same) known = { index, policy: inferred.policy };
    }
    const host = viewHost(s, opts, known);
    if (host.expecter !== p.host.expecter) flows.invalidateAll();
    else flows.routesChanged([...delta.removed, ...delta.added]);
    return host;
  }

  return (snapshot, opts = {}) => {
    let host: HostView;
    let hostFindings: (Finding[] | null)[] | null;
    const p = prev;
    if (p && sameFrame(p, snapshot, opts)) {
      const sameRoutes = snapshot.routes.ok ? p.host.routes === snapshot.routes.value : true;
      if (sameRoutes) {
        host = p.host;
        hostFindings = p.hostFindings;
      } else {
        const h = routesOnly(p, snapshot, opts);
        if (h) host = h;
        else {
          host = viewHost(snapshot, opts);
          flows.invalidateAll();
        }
        // Equal copies of the same table: the findings about it stand too.
        hostFindings = h && h.index === p.host.index ? p.hostFindings : null;
      }
    } else {
      host = viewHost(snapshot, opts);
      flows.invalidateAll();
      hostFindings = null;
    }
    const connections = flows.classify(host, snapshot.connections.ok ? snapshot.connections.value : []);
    const ctx = findingContext(snapshot, opts, host, connections);
    const cached = hostFindings ?? FINDING_RULES.map((r) => (r.flows ? null : r.rule(ctx)));
    // The flow rules walk only the flows they may report on (see flowMayMatter).
    const few = { ...ctx, connections: flows.mattering };
    const findings = guardFixes(
      ctx,
      FINDING_RULES.flatMap((r, i) => (r.flows ? r.rule(few) : (cached[i] ?? []))),
    );
    prev = { snapshot, policyOption: opts.policy, host, hostFindings: cached };
    return assemble(snapshot, opts, host, connections, findings);
  };
}
