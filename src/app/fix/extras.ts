// What experts add for two cards on one subnet, beyond the pinned routes. Linux:
// a source rule and table for the internal card's address, ARP settings against
// ARP flux, loose reverse-path filtering; all optional and off by default.
// Windows: the internal card's DNS registration, to change by hand.
import { formatPrefix, parsePrefix } from "../../core/ip.js";
import type { Analysis, IfSysctls, NetInterface } from "../../core/model.js";
import { ValidationError } from "../../core/route-change.js";
import type { ExtrasArgv, TableRoute } from "../../system/platform.js";
import { cardsOf, routesOf, sharedOf, v4Of } from "./facts.js";
import type { CommandPair, Intent, PlanStep } from "./types.js";

function sysctlPair(x: ExtrasArgv, card: string, knob: string, value: number, before: number): CommandPair {
  return { argv: x.sysctl(card, knob, value), revert: x.sysctl(card, knob, before) };
}

function freeTable(a: Analysis, card: NetInterface): string {
  const used = new Set([
    ...routesOf(a).map((r) => r.table),
    ...(a.snapshot.rules.ok ? a.snapshot.rules.value.map((r) => r.table ?? "") : []),
  ]);
  let t = 100 + (card.index % 100);
  while (used.has(String(t))) t++;
  return String(t);
}

function freePriority(a: Analysis, card: NetInterface): number {
  const used = new Set(a.snapshot.rules.ok ? a.snapshot.rules.value.map((r) => r.priority) : []);
  let p = 1000 + (card.index % 1000);
  while (used.has(p)) p++;
  return p;
}

function sourceRuleStep(x: ExtrasArgv, a: Analysis, intent: Intent, card: NetInterface): PlanStep | null {
  const own = v4Of(card)[0];
  const subnet = own ? parsePrefix(`${own.address}/${own.prefixLen}`) : null;
  if (!own || !subnet) return null;
  const rules = a.snapshot.rules.ok ? a.snapshot.rules.value : [];
  if (rules.some((r) => r.from === `${own.address}/32` || r.from === own.address)) return null;
  const table = freeTable(a, card);
  const prio = String(freePriority(a, card));
  const net = formatPrefix(subnet);
  const routes: TableRoute[] = [
    { prefix: net, card: card.name, src: own.address, table },
    ...intent.ranges.map((r) => ({ prefix: r, gateway: intent.gateway, card: card.name, table })),
  ];
  const rule = { from: own.address, table, priority: Number(prio) };
  const commands: CommandPair[] = [
    ...routes.map((r) => ({ argv: x.route("add", r), revert: x.route("del", r) })),
    { argv: x.rule("add", rule), revert: x.rule("del", rule) },
  ];
  return {
    id: "source-rule",
    kind: "commands",
    optional: true,
    enabled: false,
    title: `source rule and table ${table} for ${own.address} (${card.name})`,
    why:
      `Whatever the main table says, packets from ${own.address} then leave by ${card.name}: replies to ` +
      `clients that came in on ${card.name} go back the way they came. The usual recipe for two cards on one subnet.`,
    commands,
    persistNote: "live only: add the table and the rule to the card's network configuration, e.g. netplan:",
    persistSnippet: [
      `    ${card.name}:`,
      "      routing-policy:",
      `        - from: ${own.address}`,
      `          table: ${table}`,
      `          priority: ${prio}`,
      "      routes:",
      `        - to: ${net}`,
      "          scope: link",
      `          table: ${table}`,
      ...intent.ranges.flatMap((r) => [
        `        - to: ${r}`,
        `          via: ${intent.gateway}`,
        `          table: ${table}`,
      ]),
    ].join("\n"),
  };
}

function arpStep(x: ExtrasArgv, sys: Record<string, IfSysctls>, cards: string[]): PlanStep | null {
  const all = sys.all ?? {};
  const safe = (c: string) =>
    sys[c]?.arp_filter === 1 || ((sys[c]?.arp_ignore ?? 0) >= 1 && (sys[c]?.arp_announce ?? 0) >= 2);
  if (cards.every(safe)) return null;
  return {
    id: "arp",
    kind: "commands",
    optional: true,
    enabled: false,
    title: "ARP: each card answers only for its own address (arp_ignore=1, arp_announce=2)",
    why:
      `${cards.join(" and ")} answer ARP for each other's address (ARP flux): neighbours may send one card's ` +
      "traffic to the other card's MAC. arp_ignore=1 answers only for the card's own address; arp_announce=2 " +
      "asks with the best local address.",
    commands: [
      sysctlPair(x, "all", "arp_ignore", 1, all.arp_ignore ?? 0),
      sysctlPair(x, "all", "arp_announce", 2, all.arp_announce ?? 0),
    ],
    persistNote:
      "live only: to keep it after a reboot, put these lines in /etc/sysctl.d/90-dualhome-arp.conf:",
    persistSnippet: "net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2",
  };
}

function rpStep(x: ExtrasArgv, sys: Record<string, IfSysctls>, cards: string[]): PlanStep | null {
  const strict = cards.filter((c) => sys[c]?.rp_filter === 1);
  if (strict.length === 0) return null;
  return {
    id: "rp-filter",
    kind: "commands",
    optional: true,
    enabled: false,
    title: `loose reverse-path filtering on ${strict.join(" and ")} (rp_filter=2)`,
    why:
      "Strict reverse-path filtering drops packets that arrive on one card for flows that leave by the other, " +
      "which two cards on one subnet do all the time. Loose (2) still drops spoofed sources.",
    commands: strict.map((c) => sysctlPair(x, c, "rp_filter", 2, 1)),
    persistNote:
      "live only: to keep it after a reboot, put these lines in /etc/sysctl.d/90-dualhome-rp.conf:",
    persistSnippet: strict.map((c) => `${x.sysctlKey(c, "rp_filter")} = 2`).join("\n"),
  };
}

/** A step whose argv cannot be built from what the host showed (a name no command takes) is left out. */
function built(step: () => PlanStep | null): PlanStep | null {
  try {
    return step();
  } catch (e) {
    if (e instanceof ValidationError) return null;
    throw e;
  }
}

/** The expert extras, where the platform offers them (`extras`: its argv builders). */
export function linuxExtras(a: Analysis, intent: Intent, extras: ExtrasArgv): PlanStep[] {
  const card = cardsOf(a).find((c) => c.name === intent.card);
  const shared = sharedOf(a).find((s) => s.cards.includes(intent.card));
  if (!card || !shared) return [];
  const sys = a.snapshot.sysctls.ok ? a.snapshot.sysctls.value : null;
  const steps = [
    built(() => sourceRuleStep(extras, a, intent, card)),
    sys ? built(() => arpStep(extras, sys, shared.cards)) : null,
    sys ? built(() => rpStep(extras, sys, shared.cards)) : null,
  ];
  return steps.filter((s): s is PlanStep => s !== null);
}

export function windowsDnsStep(a: Analysis, intent: Intent): PlanStep | null {
  const card = cardsOf(a).find((c) => c.name === intent.card);
  if (!card || card.dnsRegister === false) return null;
  const addr = v4Of(card)[0]?.address ?? "its address";
  const known = card.dnsRegister === true;
  return {
    id: "dns",
    kind: "manual",
    optional: true,
    enabled: false,
    title: known
      ? `${card.name} registers ${addr} in DNS: turn it off`
      : `check whether ${card.name} registers ${addr} in DNS`,
    why:
      `DNS should return only the address clients must use. If ${card.name} registers ${addr}, clients resolving ` +
      `${a.snapshot.host} may be handed the internal card's address.`,
    manual: [
      `PowerShell (elevated): Set-DnsClient -InterfaceIndex ${card.index} -RegisterThisConnectionsAddress $false`,
      `or ncpa.cpl > ${card.name} > Properties > Internet Protocol Version 4 (TCP/IPv4) > Properties > Advanced > DNS:`,
      `   clear "Register this connection's addresses in DNS"`,
      `then delete the A record ${a.snapshot.host} -> ${addr} from the DNS zone and run ipconfig /registerdns`,
    ],
  };
}
