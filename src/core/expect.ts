// "Which card should this destination use": the policy, resolved against the
// host's cards. The most specific prefix across all rules decides; a directly
// connected subnet is "any card on it" unless a rule names it or a longer prefix,
// so a neighbour on the shared subnet (the gateway itself) is never a false alarm.
import {
  type Addr,
  formatPrefix,
  type Prefix,
  parseAddr,
  parsePrefix,
  prefixContains,
  splitZone,
  unmapV4,
} from "./ip.js";
import type { Expectation, NetInterface } from "./model.js";
import { type Policy, resolveInterface } from "./policy.js";
import { PolicyIndex } from "./policy-index.js";

export interface ResolvedRule {
  name: string;
  /** The card as the policy wrote it. */
  cardRef: string;
  /** null when this host has no such card. */
  card: NetInterface | null;
  gateway: string | null;
  prefixes: { text: string; prefix: Prefix }[];
}

interface ConnectedSubnet {
  text: string;
  prefix: Prefix;
  cards: string[];
}

export interface Expecter {
  rules: ResolvedRule[];
  connected: ConnectedSubnet[];
  /** Policy lines that do not fit this host, for people. */
  problems: string[];
}

export type PolicyMatch =
  | { kind: "none" }
  | { kind: "connected"; subnet: string; cards: string[] }
  | { kind: "rule"; rule: ResolvedRule; prefix: string };

export function buildExpecter(policy: Policy, interfaces: readonly NetInterface[]): Expecter {
  const problems: string[] = [];
  const rules = policy.rules.map((r): ResolvedRule => {
    const card = resolveInterface(r.interface, interfaces);
    if (!card) {
      const names = interfaces.map((i) => i.name).join(", ") || "none";
      problems.push(
        `policy rule '${r.name}' names card "${r.interface}", which this host does not have (cards: ${names})`,
      );
    }
    const prefixes = r.destinations.flatMap((d) => {
      const prefix = parsePrefix(d);
      return prefix ? [{ text: formatPrefix(prefix), prefix }] : [];
    });
    return { name: r.name, cardRef: r.interface, card, gateway: r.gateway ?? null, prefixes };
  });
  const bySubnet = new Map<string, ConnectedSubnet>();
  for (const card of interfaces) {
    if (!card.up) continue;
    for (const a of card.addresses) {
      const prefix = parsePrefix(`${a.address}/${a.prefixLen}`);
      if (!prefix || prefix.len === (prefix.addr.family === 4 ? 32 : 128)) continue;
      const text = formatPrefix(prefix);
      const entry = bySubnet.get(text) ?? { text, prefix, cards: [] };
      if (!entry.cards.includes(card.name)) entry.cards.push(card.name);
      bySubnet.set(text, entry);
    }
  }
  return { rules, connected: [...bySubnet.values()], problems };
}

export function matchPolicy(exp: Expecter, destination: string): PolicyMatch {
  const parsed = parseAddr(splitZone(destination).address);
  return parsed ? matchPolicyAddr(exp, unmapV4(parsed)) : { kind: "none" };
}

/** Below this many prefixes a scan is cheaper than building the index. */
const INDEX_FROM = 16;
const indexes = new WeakMap<Expecter, { rules: ResolvedRule[]; index: PolicyIndex<ResolvedRule> | null }>();

/** The rule prefix governing `dst` by a scan of every prefix: the reference the index is tested against. */
export function scanPolicyRules(
  rules: readonly ResolvedRule[],
  dst: Addr,
): { rule: ResolvedRule; prefix: string; len: number } | null {
  let best: { rule: ResolvedRule; prefix: string; len: number } | null = null;
  for (const rule of rules)
    for (const p of rule.prefixes)
      if ((!best || p.prefix.len > best.len) && prefixContains(p.prefix, dst))
        best = { rule, prefix: p.text, len: p.prefix.len };
  return best;
}

function bestRule(exp: Expecter, dst: Addr): { rule: ResolvedRule; prefix: string; len: number } | null {
  let entry = indexes.get(exp);
  // Built once per expecter (once per policy and set of cards), again only if its rules were replaced.
  if (entry?.rules !== exp.rules) {
    let n = 0;
    for (const r of exp.rules) n += r.prefixes.length;
    entry = { rules: exp.rules, index: n < INDEX_FROM ? null : new PolicyIndex(exp.rules) };
    indexes.set(exp, entry);
  }
  if (!entry.index) return scanPolicyRules(exp.rules, dst);
  const hit = entry.index.best(dst);
  return hit ? { rule: hit.rule, prefix: hit.text, len: hit.len } : null;
}

export function matchPolicyAddr(exp: Expecter, dst: Addr): PolicyMatch {
  const best = bestRule(exp, dst);
  let near: ConnectedSubnet | null = null;
  for (const c of exp.connected)
    if ((!near || c.prefix.len > near.prefix.len) && prefixContains(c.prefix, dst)) near = c;
  if (near && (!best || best.len < near.prefix.len))
    return { kind: "connected", subnet: near.text, cards: near.cards };
  return best ? { kind: "rule", rule: best.rule, prefix: best.prefix } : { kind: "none" };
}

interface Judgement {
  expected: Expectation | null;
  /** true: matches; false: another card or gateway; null: cannot tell (card missing, no rule). */
  match: boolean | null;
}

/** Compares one egress (card + gateway) with what the policy wants. */
export function judge(
  m: PolicyMatch,
  egress: { interface: string | null; gateway: string | null },
): Judgement {
  if (m.kind === "none") return { expected: null, match: null };
  if (m.kind === "connected") {
    const onIt = egress.interface !== null && m.cards.includes(egress.interface);
    const card = onIt ? (egress.interface as string) : (m.cards[0] as string);
    const reason = `${m.subnet} is directly connected to ${m.cards.join(" and ")}: any of them will do`;
    return { expected: { interface: card, gateway: null, reason }, match: onIt };
  }
  const { rule, prefix } = m;
  const reason = `policy rule '${rule.name}' for ${prefix}`;
  if (!rule.card)
    return { expected: { interface: rule.cardRef, gateway: rule.gateway, reason }, match: null };
  const expected = { interface: rule.card.name, gateway: rule.gateway, reason };
  const sameCard = egress.interface === rule.card.name;
  const sameGateway = rule.gateway === null || egress.gateway === rule.gateway;
  return { expected, match: sameCard && sameGateway };
}

/** "int via 192.168.1.254", "ext on-link", "int (any gateway)". */
export function describeWay(
  way: { interface: string | null; gateway: string | null },
  anyGateway = false,
): string {
  const card = way.interface ?? "no card";
  if (way.gateway) return `${card} via ${way.gateway}`;
  return anyGateway ? card : `${card} on-link`;
}
