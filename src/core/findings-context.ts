// What every finding rule reads: the host, built once per analysis.
import { endpointText } from "./classify.js";
import type { Expecter } from "./expect.js";
import type { Intent, ProbeTimeout } from "./intent.js";
import { formatPrefix, parsePrefix } from "./ip.js";
import type { RoutingIndex } from "./lookup.js";
import type {
  ClassifiedConnection,
  IfSysctls,
  NetInterface,
  OsKind,
  PolicyRule,
  Route,
  Severity,
} from "./model.js";

export interface FindingContext {
  os: OsKind;
  collector: string;
  interfaces: NetInterface[];
  routes: Route[];
  rules: PolicyRule[];
  index: RoutingIndex;
  expecter: Expecter;
  connections: ClassifiedConnection[];
  /** null when the sysctls could not be read (or the OS has none). */
  sysctls: Record<string, IfSysctls> | null;
  now?: number;
  firstSeen?: ReadonlyMap<string, number>;
  /** Whether the policy was written or guessed, and the guess. */
  intent: Intent;
  probeTimeouts?: readonly ProbeTimeout[];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** "192.168.1.10:50123 → 10.1.1.20:5061 SYN_SENT" */
export function flowText(c: ClassifiedConnection): string {
  return `${endpointText(c.local)} → ${endpointText(c.remote)} ${c.state}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** IPv4 subnets shared by two or more up cards, with the cards on each. */
export function sharedSubnets(
  interfaces: readonly NetInterface[],
): { subnet: string; cards: NetInterface[] }[] {
  const by = new Map<string, NetInterface[]>();
  for (const card of interfaces) {
    if (!card.up) continue;
    for (const a of card.addresses) {
      if (a.family !== 4 || a.prefixLen >= 32) continue;
      const p = parsePrefix(`${a.address}/${a.prefixLen}`);
      if (!p || a.address.startsWith("127.") || a.address.startsWith("169.254.")) continue;
      const key = formatPrefix(p);
      const list = by.get(key) ?? [];
      if (!list.includes(card)) list.push(card);
      by.set(key, list);
    }
  }
  return [...by].filter(([, cards]) => cards.length > 1).map(([subnet, cards]) => ({ subnet, cards }));
}

/** A card's effective Linux setting: the kernel combines `all` and the card's own value. */
export function effective(
  sysctls: Record<string, IfSysctls>,
  card: string,
  key: keyof IfSysctls,
): number | undefined {
  const all = sysctls.all?.[key];
  const own = sysctls[card]?.[key];
  if (all === undefined && own === undefined) return undefined;
  // arp_filter is OR-ed; rp_filter, arp_ignore and arp_announce take the maximum.
  if (key === "arp_filter") return (all ?? 0) || (own ?? 0) ? 1 : 0;
  return Math.max(all ?? 0, own ?? 0);
}

export function isDefaultPrefix(dest: string): boolean {
  return dest === "0.0.0.0/0" || dest === "::/0";
}
