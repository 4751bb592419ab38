// Findings about the routing table itself: more than one default gateway, policy
// routes that will not survive a reboot, and persistent routes tied to an index.
import { matchPolicyAddr } from "./expect.js";
import { type FindingContext, isDefaultPrefix } from "./findings-context.js";
import { formatIfIndexHex, parsePrefix, prefixContainsPrefix } from "./ip.js";
import type { Finding, Route, RouteChange } from "./model.js";
import { commandLine } from "./shell-quote.js";

/** Routes the OS sets up by itself: flagging them as "not persistent" would be noise. */
const AUTOMATIC = new Set([
  "kernel",
  "dhcp",
  "ra",
  "redirect",
  "dhcp6",
  "ndisc",
  "bgp",
  "ospf",
  "rip",
  "isis",
  "zebra",
  "bird",
  "babel",
]);

/** The policy rule governing the whole of a route's prefix, if its card is the rule's card. */
function policyRouteOf(ctx: FindingContext, r: Route): string | null {
  if (r.type !== "unicast" || !r.gateway || !r.interface || isDefaultPrefix(r.destination)) return null;
  const p = parsePrefix(r.destination, { family: r.family });
  if (!p) return null;
  const m = matchPolicyAddr(ctx.expecter, p.addr);
  if (m.kind !== "rule" || !m.rule.card || m.rule.card.name !== r.interface) return null;
  if (m.rule.gateway !== null && m.rule.gateway !== r.gateway) return null;
  // A rule for the default route says where the internet goes, not that every route is the policy's.
  const governing = parsePrefix(m.prefix);
  return governing && governing.len > 0 && prefixContainsPrefix(governing, p) ? m.rule.name : null;
}

export function notPersistentFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const cards = new Set(ctx.expecter.rules.map((r) => r.card?.name));
  for (const r of ctx.routes) {
    if (r.persistent || !cards.has(r.interface ?? undefined) || (r.protocol && AUTOMATIC.has(r.protocol)))
      continue;
    if (r.table !== "main" && r.table !== "") continue;
    const rule = policyRouteOf(ctx, r);
    if (rule === null) continue;
    const gateway = r.gateway as string;
    const card = r.interface as string;
    // The same route, stored: deleting and re-adding the live one would store nothing where the
    // manager's configuration is what survives a reboot, and would cut the flows it carries.
    out.push({
      id: "not-persistent",
      severity: "warning",
      basis: ctx.intent.basis,
      message:
        `${r.destination} via ${gateway} on ${card} (rule '${rule}') is live only: it will not survive a reboot; ` +
        `to keep it, ${persistentForm(ctx.os, r.destination, gateway, card)}`,
      subject: r.destination,
      fix: [],
    });
  }
  return out;
}

/** How this very route is stored for the next boot, without touching the live one. */
function persistentForm(os: string, destination: string, gateway: string, card: string): string {
  const stays = "(the live route stays as it is)";
  if (os === "windows") {
    const store = [
      "New-NetRoute",
      "-DestinationPrefix",
      destination,
      "-InterfaceAlias",
      card,
      "-NextHop",
      gateway,
    ];
    return `store it for the next boot ${stays}: ${commandLine([...store, "-PolicyStore", "PersistentStore"], "powershell")}`;
  }
  const nm = commandLine(
    ["nmcli", "connection", "modify", "CONN", "+ipv4.routes", `${destination} ${gateway}`],
    "posix",
  );
  const conn = commandLine(["nmcli", "-g", "GENERAL.CONNECTION", "device", "show", card], "posix");
  return (
    `save the same route in ${card}'s network configuration ${stays}: NetworkManager ${nm} ` +
    `(CONN from ${conn}); netplan, systemd-networkd or ifupdown: a route to ${destination} via ${gateway} in ${card}'s section`
  );
}

const CLASSIC = new Set(["classic", "route.exe", "route-print", "route"]);

export function unstableIfindexFindings(ctx: FindingContext): Finding[] {
  if (ctx.os !== "windows" || !CLASSIC.has(ctx.collector)) return [];
  const out: Finding[] = [];
  for (const r of ctx.routes) {
    if (!r.persistent || !r.interface || r.type !== "unicast") continue;
    const card = ctx.interfaces.find((i) => i.name === r.interface);
    const idx = card ? ` ${card.index} (${formatIfIndexHex(card.index)})` : "";
    out.push({
      id: "unstable-ifindex",
      severity: "info",
      basis: "evidence",
      message:
        `${r.destination} is stored by \`route -p\` with interface index${idx} of ${r.interface}; an index can change ` +
        `after a reboot or driver reinstall and the route then lands elsewhere: prefer ` +
        `${commandLine(["New-NetRoute", "-InterfaceAlias", r.interface, "-PolicyStore", "PersistentStore"], "powershell")}`,
      subject: r.destination,
      fix: [],
    });
  }
  return out;
}

export function multipleDefaultFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  const up = new Set(ctx.interfaces.filter((i) => i.up).map((i) => i.name));
  for (const any of ["0.0.0.0/0", "::/0"]) {
    const defaults = ctx.routes
      .filter((r) => r.destination === any && r.type === "unicast" && r.gateway && r.interface)
      .filter((r) => (r.table === "main" || r.table === "") && up.has(r.interface as string))
      .sort((a, b) => a.metric - b.metric);
    const cards = [...new Set(defaults.map((r) => r.interface as string))];
    if (cards.length < 2) continue;
    // Keep the card the policy sends the internet to; else the one the OS prefers now.
    const rule = ctx.expecter.rules.find((r) => r.card && r.prefixes.some((p) => p.text === any));
    const keep = rule?.card?.name ?? (cards[0] as string);
    const drop = defaults.filter((r) => r.interface !== keep);
    const fix: RouteChange[] = [];
    // Before a card loses its default gateway, its internal ranges get pinned routes.
    for (const card of new Set(drop.map((r) => r.interface as string)))
      for (const pr of ctx.expecter.rules)
        if (pr.card?.name === card && pr.gateway)
          for (const p of pr.prefixes) {
            const exists = ctx.routes.some(
              (r) => r.destination === p.text && r.interface === card && r.gateway === pr.gateway,
            );
            if (!exists && p.prefix.len > 0 && p.prefix.addr.family === (any === "::/0" ? 6 : 4))
              fix.push({
                action: "add",
                destination: p.text,
                gateway: pr.gateway,
                interface: card,
                persistent: true,
              });
          }
    for (const r of drop)
      fix.push({
        action: "delete",
        destination: any,
        gateway: r.gateway,
        interface: r.interface,
        persistent: r.persistent,
      });
    const list = defaults.map((r) => `${r.gateway} on ${r.interface} (metric ${r.metric})`).join(", ");
    out.push({
      id: "multiple-default-gateways",
      severity: "warning",
      basis: "evidence",
      message:
        rule || ctx.intent.basis === "policy"
          ? `${cards.length} default gateways: ${list}; keep only ${keep}'s and reach internal networks by routes pinned to their card`
          : `${cards.length} default gateways: ${list}; only one should stay (the OS prefers ${keep}'s now): say which with a --policy file or \`dualhome fix\`, and reach internal networks by routes pinned to their card`,
      subject: any,
      fix,
    });
  }
  return out;
}
