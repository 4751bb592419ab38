// The policy when no file is given, read off the host the way an admin would:
// the card holding the default route faces the internet; the private ranges
// belong to another card that shares its subnet or already has routes there.
import {
  formatAddr,
  isLinkLocal,
  isLoopback,
  PRIVATE_V4,
  parseAddr,
  parsePrefix,
  prefixContainsPrefix,
} from "./ip.js";
import type { NetInterface, Route } from "./model.js";
import type { Policy, PolicyRuleSpec } from "./policy.js";

export const INTERNAL_RULE = "internal (inferred)";
export const EXTERNAL_RULE = "external (inferred)";

export interface InferredPolicy {
  policy: Policy;
  /** For people: what could not be told from the host, and what to do. */
  notes: string[];
  external: string | null;
  internal: string | null;
  /** The guess in words: "assuming int is the internal card because it shares ext's subnet …". */
  guess: string | null;
  /** Why the host does not tell which card is internal (then nothing is proposed); empty: the guess stands. */
  ambiguous: string[];
}

/** The inference each inferred policy came from, for findings that must name their guess. */
const inferences = new WeakMap<Policy, InferredPolicy>();

export function inferenceOf(policy: Policy): InferredPolicy | null {
  return inferences.get(policy) ?? null;
}

function remember(r: InferredPolicy): InferredPolicy {
  inferences.set(r.policy, r);
  return r;
}

const PRIVATE = PRIVATE_V4.map((p) => parsePrefix(p)).filter((p) => p !== null);

function isPrivateRoute(r: Route): boolean {
  const p = parsePrefix(r.destination, { family: r.family });
  return !!p && p.len > 0 && PRIVATE.some((q) => prefixContainsPrefix(q, p));
}

function isDefault(r: Route): boolean {
  return r.type === "unicast" && r.interface !== null && (r.table === "main" || r.table === "");
}

function defaultsOf(routes: readonly Route[], family: 4 | 6): Route[] {
  const any = family === 4 ? "0.0.0.0/0" : "::/0";
  return routes.filter((r) => r.destination === any && isDefault(r)).sort((a, b) => a.metric - b.metric);
}

function usableV4(card: NetInterface): { address: string; prefixLen: number }[] {
  return card.addresses.filter((a) => {
    const p = a.family === 4 ? parseAddr(a.address) : null;
    return !!p && !isLoopback(p) && !isLinkLocal(p);
  });
}

function subnets(card: NetInterface): string[] {
  return usableV4(card).flatMap((a) => {
    const p = parsePrefix(`${a.address}/${a.prefixLen}`);
    return p && p.len < 32 ? [`${p.addr.v}/${p.len}`] : [];
  });
}

/** Most used gateway among routes, ties to the lowest metric. */
function commonGateway(routes: readonly Route[]): string | null {
  const score = new Map<string, { n: number; metric: number }>();
  for (const r of routes) {
    if (!r.gateway) continue;
    const s = score.get(r.gateway) ?? { n: 0, metric: r.metric };
    score.set(r.gateway, { n: s.n + 1, metric: Math.min(s.metric, r.metric) });
  }
  let best: string | null = null;
  let bestScore = { n: 0, metric: Number.POSITIVE_INFINITY };
  for (const [gw, s] of score)
    if (s.n > bestScore.n || (s.n === bestScore.n && s.metric < bestScore.metric)) {
      best = gw;
      bestScore = s;
    }
  return best;
}

export function inferPolicy(interfaces: readonly NetInterface[], routes: readonly Route[]): InferredPolicy {
  const notes: string[] = [];
  const rules: PolicyRuleSpec[] = [];
  const byName = new Map(interfaces.map((i) => [i.name, i]));
  const def4 = defaultsOf(routes, 4);
  const extRoute = def4[0];
  const ext = extRoute?.interface ? byName.get(extRoute.interface) : undefined;
  if (!extRoute || !ext) {
    notes.push("no IPv4 default route: cannot tell which card faces the internet; give a --policy file");
    return remember({ policy: { rules }, notes, external: null, internal: null, guess: null, ambiguous: [] });
  }
  const extSubnets = new Set(subnets(ext));
  const privateRoutesOf = (card: NetInterface) =>
    routes.filter((r) => r.interface === card.name && r.gateway !== null && isPrivateRoute(r));
  // A card qualifies by routes that reach private ranges through a gateway, by
  // sharing the internet card's subnet, or by a default route of its own (the
  // classic second gateway); a bridge like docker0 has none of these.
  const ranked = interfaces
    .filter((i) => i.up && i.name !== ext.name && usableV4(i).length > 0)
    .map((card) => ({
      card,
      score:
        (privateRoutesOf(card).length > 0 ? 2 : 0) +
        (subnets(card).some((s) => extSubnets.has(s)) ? 1 : 0) +
        (def4.some((r) => r.interface === card.name) ? 1 : 0),
    }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  const pick = ranked[0];
  const int = pick?.card;
  let guess: string | null = null;
  const ambiguous: string[] = [];
  if (pick && ranked[1] && ranked[1].score === pick.score) {
    ambiguous.push(`${pick.card.name} and ${ranked[1].card.name} could both be the internal card`);
    notes.push(
      `both ${pick.card.name} and ${ranked[1].card.name} could be the internal card; ${pick.card.name} was taken: give a --policy file to choose`,
    );
  }
  if (int) {
    const ownDefaults = def4.filter((r) => r.interface === int.name);
    const gateway = commonGateway(privateRoutesOf(int)) ?? commonGateway(ownDefaults);
    if (!gateway)
      notes.push(
        `the internal gateway for ${int.name} is not known: no route on it names one; give it in a --policy file or when fixing`,
      );
    rules.push({ name: INTERNAL_RULE, destinations: [...PRIVATE_V4], interface: int.name, gateway });
    guess = guessText(ext, extRoute, int, privateRoutesOf(int), extSubnets, def4);
    if (!gateway) ambiguous.push(`no gateway for ${int.name} is known (no route on it names one)`);
    ambiguous.push(...doubts(ext, int, def4));
  } else {
    notes.push(`no second card shares ${ext.name}'s subnet or routes to private ranges: nothing to compare`);
  }
  rules.push({
    name: EXTERNAL_RULE,
    destinations: ["0.0.0.0/0"],
    interface: ext.name,
    gateway: extRoute.gateway,
  });
  const ext6 = defaultsOf(routes, 6)[0];
  if (ext6?.interface)
    rules.push({
      name: EXTERNAL_RULE,
      destinations: ["::/0"],
      interface: ext6.interface,
      gateway: ext6.gateway,
    });
  return remember({
    policy: { rules },
    notes,
    external: ext.name,
    internal: int?.name ?? null,
    guess,
    ambiguous,
  });
}

/**
 * What makes "ext faces the internet, int carries the private ranges" a guess too
 * far: a default route on each card (which one is the internet?), or the internet
 * card itself sitting inside a private range the guess would move to the other card
 * without sharing its subnet (its own neighbours are likely internal too).
 */
function doubts(ext: NetInterface, int: NetInterface, def4: readonly Route[]): string[] {
  const out: string[] = [];
  const cards = [...new Set(def4.map((r) => r.interface))];
  if (cards.length > 1) {
    const list = def4.map((r) => `${r.interface} via ${r.gateway ?? "on-link"} metric ${r.metric}`);
    out.push(`${cards.length} cards have a default route (${list.join(", ")})`);
  }
  const intSubnets = new Set(subnets(int));
  for (const a of usableV4(ext)) {
    const own = parsePrefix(`${a.address}/${a.prefixLen}`);
    if (!own || own.len >= 32 || intSubnets.has(`${own.addr.v}/${own.len}`)) continue;
    const range = PRIVATE.find((q) => prefixContainsPrefix(q, own));
    if (range)
      out.push(
        `${ext.name} (${a.address}/${a.prefixLen}) is itself inside ${formatAddr(range.addr)}/${range.len}, which the guess would move to ${int.name}`,
      );
  }
  return out;
}

function guessText(
  ext: NetInterface,
  extRoute: Route,
  int: NetInterface,
  privateRoutes: readonly Route[],
  extSubnets: ReadonlySet<string>,
  def4: readonly Route[],
): string {
  const why: string[] = [];
  const first = privateRoutes[0];
  if (first)
    why.push(
      `it has ${plural(privateRoutes.length, "route")} to private ranges (e.g. ${first.destination} via ${first.gateway})`,
    );
  const shared = subnets(int).find((s) => extSubnets.has(s));
  const [v, len] = (shared ?? "").split("/");
  if (shared) why.push(`it shares ${ext.name}'s subnet ${formatAddr({ family: 4, v: Number(v) })}/${len}`);
  const own = def4.find((r) => r.interface === int.name);
  if (own)
    why.push(
      `it has a default route of its own (${own.gateway ? `via ${own.gateway}` : "on-link"}, metric ${own.metric})`,
    );
  const via = extRoute.gateway ? ` via ${extRoute.gateway}` : "";
  return (
    `assuming ${int.name} is the internal card because ${why.join(" and ")}, ` +
    `and ${ext.name} faces the internet because it holds the preferred default route${via} (metric ${extRoute.metric})`
  );
}

function plural(n: number, one: string): string {
  return `${n} ${n === 1 ? one : `${one}s`}`;
}
