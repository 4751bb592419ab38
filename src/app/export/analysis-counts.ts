// What the exporter publishes, counted from one analysis as plain values: the
// mapping to metrics is then a loop over these, and the counting is tested
// without a registry. A count is null when the part it is read from has no value
// (failed on the first poll, before any good value could be kept).
import { isListening } from "../../core/classify.js";
import { isSynSent } from "../../core/intent.js";
import type { Analysis, Family, Route } from "../../core/model.js";

/** Prometheus reads "ipv4" better than a bare 4 in a label. */
type FamilyLabel = "ipv4" | "ipv6";

interface FlowCount {
  verdict: string;
  /** The card the flow leaves by; "none" when it leaves by no card (no route, not known). */
  card: string;
  count: number;
}

interface FindingCount {
  id: string;
  severity: string;
  count: number;
}

interface AnalysisCounts {
  flows: FlowCount[] | null;
  stuckSyn: number | null;
  sockets: number | null;
  findings: FindingCount[];
  routes: Record<FamilyLabel, number> | null;
  defaultGateways: Record<FamilyLabel, number> | null;
}

const NO_CARD = "none";

const familyLabel = (f: Family): FamilyLabel => (f === 6 ? "ipv6" : "ipv4");

function tally<T>(items: Iterable<T>, keyOf: (t: T) => string): Map<string, { first: T; count: number }> {
  const out = new Map<string, { first: T; count: number }>();
  for (const t of items) {
    const k = keyOf(t);
    const seen = out.get(k);
    if (seen) seen.count++;
    else out.set(k, { first: t, count: 1 });
  }
  return out;
}

/**
 * Default gateways as the multiple-default-gateways finding sees them: unicast default
 * routes of the main table with a gateway, on a card that is up; each next hop of a
 * multipath default counts, and the same gateway on the same card counts once.
 */
function defaultGateways(
  routes: readonly Route[],
  upCards: ReadonlySet<string>,
): Record<FamilyLabel, number> {
  const seen = { ipv4: new Set<string>(), ipv6: new Set<string>() };
  for (const r of routes) {
    if (r.type !== "unicast" || (r.destination !== "0.0.0.0/0" && r.destination !== "::/0")) continue;
    if (r.table !== "main" && r.table !== "") continue;
    const hops = r.nexthops?.length ? r.nexthops : [{ gateway: r.gateway, interface: r.interface }];
    for (const h of hops)
      if (h.gateway && h.interface && upCards.has(h.interface))
        seen[familyLabel(r.family)].add(`${h.gateway}%${h.interface}`);
  }
  return { ipv4: seen.ipv4.size, ipv6: seen.ipv6.size };
}

export function countAnalysis(analysis: Analysis): AnalysisCounts {
  const { snapshot } = analysis;
  const conns = snapshot.connections.ok ? analysis.connections : null;
  const flows = conns
    ? [
        ...tally(
          conns.filter((c) => !isListening(c)),
          (c) => `${c.verdict}\0${c.egress.interface ?? NO_CARD}`,
        ),
      ].map(([, { first, count }]) => ({
        verdict: first.verdict,
        card: first.egress.interface ?? NO_CARD,
        count,
      }))
    : null;
  const findings = [...tally(analysis.findings, (f) => `${f.id}\0${f.severity}`)].map(
    ([, { first, count }]) => ({
      id: first.id,
      severity: first.severity,
      count,
    }),
  );
  let routes: Record<FamilyLabel, number> | null = null;
  let gateways: Record<FamilyLabel, number> | null = null;
  if (snapshot.routes.ok) {
    routes = { ipv4: 0, ipv6: 0 };
    for (const r of snapshot.routes.value) routes[familyLabel(r.family)]++;
    // Without the cards, every card counts as up: a default route is still a default route.
    const cards = snapshot.interfaces.ok ? snapshot.interfaces.value : null;
    const up = new Set(
      cards
        ? cards.filter((i) => i.up).map((i) => i.name)
        : snapshot.routes.value.flatMap((r) => (r.interface ? [r.interface] : [])),
    );
    gateways = defaultGateways(snapshot.routes.value, up);
  }
  return {
    flows,
    stuckSyn: conns ? conns.filter((c) => c.protocol === "tcp" && isSynSent(c.state)).length : null,
    sockets: conns ? conns.length : null,
    findings,
    routes,
    defaultGateways: gateways,
  };
}
