// The guided fix's suggestions: what an expert would answer, read off the host.
// Each list puts the suggestion first and says why it is offered.
import { endpointText } from "../../core/classify.js";
import { contains, PRIVATE_V4, parsePrefix, prefixContainsPrefix } from "../../core/ip.js";
import type { Analysis, Neighbour } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import { onCardSubnet } from "../../system/neighbours.js";
import {
  addressText,
  candidateCards,
  cardsOf,
  defaultsOf,
  externalOf,
  gatewayRoutesOn,
  isSynSent,
  plural,
  sharedOf,
  wrongFlows,
} from "./facts.js";
import type { Choice } from "./types.js";

/** The last gateway choice: the operator types the address. */
export const TYPE_GATEWAY = "(type)";

export const DEFAULT_POLICY_PATH = "./dualhome-policy.yaml";

/** The internal rule of a policy file given with --policy, if any: it answers the questions first. */
function internalRuleOf(policy: Policy | null | undefined) {
  return policy?.rules.find((r) => !r.destinations.includes("0.0.0.0/0") && !r.destinations.includes("::/0"));
}

export function suggestCards(a: Analysis, policy?: Policy | null): Choice[] {
  const defaults = defaultsOf(a);
  const ext = defaults[0]?.interface ?? null;
  const shared = sharedOf(a);
  const named = internalRuleOf(policy)?.interface;
  const score = (name: string) =>
    (name === named ? 8 : 0) +
    (defaults.some((r) => r.interface === name) ? 0 : 4) +
    (shared.some((s) => s.cards.includes(name) && ext !== null && s.cards.includes(ext)) ? 2 : 0) +
    (gatewayRoutesOn(a, name).length > 0 ? 1 : 0);
  const cards = candidateCards(a)
    .map((c, i) => ({ c, i, s: score(c.name) }))
    .sort((x, y) => y.s - x.s || x.i - y.i);
  return cards.map(({ c }, i) => {
    const own = defaults.find((r) => r.interface === c.name);
    const why = own
      ? `holds a default gateway (${own.gateway ?? "on-link"})`
      : c.name === named
        ? "named by the policy file"
        : "no default gateway";
    return {
      value: c.name,
      label: `${c.name}  ${addressText(c)}`,
      note: i === 0 ? `suggested: ${why}` : why,
    };
  });
}

function isPeer(a: Analysis, address: string): boolean {
  return a.connections.some((c) => c.remote.address === address);
}

export function suggestGateways(
  a: Analysis,
  card: string,
  neighbours: readonly Neighbour[],
  policy?: Policy | null,
): Choice[] {
  const the = cardsOf(a).find((c) => c.name === card);
  const extGw = externalOf(a, card)?.gateway ?? null;
  const own = new Set(cardsOf(a).flatMap((c) => c.addresses.map((x) => x.address)));
  const out: Choice[] = [];
  const offer = (value: string, note: string) => {
    if (own.has(value) || value === extGw || out.some((c) => c.value === value) || !value.includes("."))
      return;
    if (the && !onCardSubnet(the, value)) return;
    out.push({ value, label: value, note });
  };
  const fromPolicy = internalRuleOf(policy);
  if (fromPolicy?.gateway && fromPolicy.interface === card)
    offer(fromPolicy.gateway, "named by the policy file");
  const routes = gatewayRoutesOn(a, card);
  const counts = new Map<string, number>();
  for (const r of routes) if (r.gateway) counts.set(r.gateway, (counts.get(r.gateway) ?? 0) + 1);
  for (const [gw, n] of [...counts].sort((x, y) => y[1] - x[1]))
    offer(gw, `used by ${plural(n, "route")} on ${card}`);
  for (const r of defaultsOf(a).filter((r) => r.interface === card && r.gateway))
    offer(r.gateway as string, `${card}'s own default gateway (a second one: the plan removes it)`);
  // Neighbours that are clients of this host (peers of its connections) are less likely routers.
  const ranked = [...neighbours].sort(
    (x, y) =>
      Number(y.card === card) - Number(x.card === card) ||
      Number(isPeer(a, x.address)) - Number(isPeer(a, y.address)),
  );
  for (const n of ranked) {
    const where = n.card === card ? `in ${card}'s ARP table` : `in ${n.card}'s ARP table, same subnet`;
    offer(n.address, isPeer(a, n.address) ? `${where} (also a client of this host)` : where);
  }
  if (out[0]) out[0] = { ...out[0], note: `suggested: ${out[0].note}` };
  out.push({ value: TYPE_GATEWAY, label: "another address…", note: "type it" });
  return out;
}

/** The private ranges, plus prefixes the card already routes through a gateway. */
export function suggestRanges(a: Analysis, card: string, policy?: Policy | null): string {
  const fromPolicy = internalRuleOf(policy);
  if (fromPolicy && fromPolicy.interface === card) return fromPolicy.destinations.join(", ");
  const list: string[] = [...PRIVATE_V4];
  const covered = (d: string) => {
    const p = parsePrefix(d);
    return list.some((x) => {
      const q = parsePrefix(x);
      return !!p && !!q && prefixContainsPrefix(q, p);
    });
  };
  for (const r of gatewayRoutesOn(a, card))
    if (r.family === 4 && !covered(r.destination)) list.push(r.destination);
  return list.join(", ");
}

/** The remote of a stuck SYN leaving the wrong card, else of any wrong flow into the ranges. */
export function suggestProof(a: Analysis, ranges: readonly string[]): string {
  const inRanges = (addr: string) => ranges.some((r) => contains(r, addr));
  const wrong = wrongFlows(a).filter((c) => inRanges(c.remote.address));
  const pick =
    wrong.find(isSynSent) ??
    wrong[0] ??
    a.connections.find((c) => isSynSent(c) && inRanges(c.remote.address) && c.remote.port > 0);
  return pick ? endpointText(pick.remote) : "";
}
