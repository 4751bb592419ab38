// Classic Windows tools split a card over two outputs: ipconfig knows its name and
// addresses, route print knows its index. They share the MAC and the description
// (XP appends " - Packet Scheduler Miniport"), and the %zone of a link-local IPv6
// address is the index itself.
import { normalizeAddr } from "../../core/ip.js";
import type { NetInterface, Route } from "../../core/model.js";
import { onLinkLen } from "../parts/on-link.js";
import type { RoutePrintInterface, RoutePrintResult } from "./parse-route-print.js";

const LOOPBACK = /loopback/i;

function sameDescription(card: string | undefined, listed: string): boolean {
  if (!card) return false;
  const a = card.trim().toLowerCase();
  const b = listed.trim().toLowerCase();
  return a === b || b.startsWith(`${a} - `) || a.startsWith(`${b} - `);
}

function pick(card: NetInterface, listed: readonly RoutePrintInterface[]): RoutePrintInterface | null {
  if (card.index !== 0) {
    const byZone = listed.find((l) => l.index === card.index);
    if (byZone) return byZone;
  }
  const byMac = card.mac ? listed.filter((l) => l.mac === card.mac) : [];
  if (byMac.length === 1) return byMac[0] ?? null;
  const pool = byMac.length > 1 ? byMac : listed;
  const byDesc = pool.filter((l) => sameDescription(card.description, l.description));
  return byDesc.length === 1 ? (byDesc[0] ?? null) : null;
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted} (${n})`;
  taken.add(name);
  return name;
}

function loopbackAddresses(): NetInterface["addresses"] {
  return [
    { address: "127.0.0.1", prefixLen: 8, family: 4, primary: true },
    { address: "::1", prefixLen: 128, family: 6 },
  ];
}

/** ipconfig cards with their route print index, plus the listed cards ipconfig leaves out (loopback). */
export function joinInterfaces(
  cards: readonly NetInterface[],
  listed: readonly RoutePrintInterface[],
  routes: readonly Route[],
): { interfaces: NetInterface[]; warnings: string[] } {
  const warnings: string[] = [];
  const used = new Set<number>();
  const taken = new Set(cards.map((c) => c.name));
  const interfaces = cards.map((c) => {
    const l = pick(
      c,
      listed.filter((x) => !used.has(x.index)),
    );
    if (!l) {
      if (c.index === 0 && listed.length > 0)
        warnings.push(`card ${c.name}: not found in route print's list, index unknown`);
      return { ...c, addresses: [...c.addresses] };
    }
    used.add(l.index);
    return { ...c, index: l.index, description: c.description ?? l.description, addresses: [...c.addresses] };
  });
  for (const l of listed) {
    if (used.has(l.index)) continue;
    const loop = LOOPBACK.test(l.description);
    interfaces.push({
      index: l.index,
      name: uniqueName(l.description || `interface ${l.index}`, taken),
      description: l.description,
      ...(l.mac ? { mac: l.mac } : {}),
      addresses: loop ? loopbackAddresses() : [],
      up: loop || routes.some((r) => r.interface === String(l.index)),
    });
  }
  return { interfaces, warnings };
}

/**
 * Cards from route print alone (no ipconfig): the list gives index and description;
 * IPv6 /128 on-link rows give each index its addresses; an IPv4 card address is tied
 * to an index only when its metric matches exactly one card's IPv6 rows. Otherwise
 * the card is named by its address, index 0 (unknown).
 */
export function interfacesFromRoutePrint(rp: RoutePrintResult): {
  interfaces: NetInterface[];
  warnings: string[];
} {
  const taken = new Set<string>();
  const warnings: string[] = [];
  const ifaces: NetInterface[] = rp.interfaces.map((l) => ({
    index: l.index,
    name: uniqueName(l.description || `interface ${l.index}`, taken),
    description: l.description,
    ...(l.mac ? { mac: l.mac } : {}),
    addresses: LOOPBACK.test(l.description) ? loopbackAddresses() : [],
    up: LOOPBACK.test(l.description),
    // route print lists a card without saying whether it is up: that stays unknown.
    ...(LOOPBACK.test(l.description) ? {} : { unknown: ["up" as const] }),
  }));
  const byIndex = new Map(ifaces.map((i) => [String(i.index), i] as const));
  for (const r of rp.routes) {
    const own =
      r.family === 6 && r.gateway === null && r.destination.endsWith("/128") && r.type === "unicast";
    const i = own && r.interface !== null ? byIndex.get(r.interface) : undefined;
    const address = r.destination.slice(0, -4);
    if (i && !i.addresses.some((a) => a.address === address)) {
      const len = onLinkLen(address, rp.routes, r.interface ?? "", 128);
      i.addresses.push({
        address,
        prefixLen: len,
        family: 6,
        ...(address.startsWith("fe80:") ? { scope: "link" } : {}),
      });
      i.up = true;
    }
  }
  const v4 = [...new Set(rp.routes.filter((r) => r.family === 4).map((r) => r.interface ?? ""))].filter(
    (t) => normalizeAddr(t) !== null && t !== "127.0.0.1",
  );
  const metricOf = (addr: string) =>
    rp.routes.find((r) => r.destination === `${addr}/32` && r.interface === addr)?.metric;
  for (const addr of v4) {
    const m = metricOf(addr);
    const same = v4.filter((x) => metricOf(x) === m);
    const cands = ifaces.filter(
      (i) =>
        !LOOPBACK.test(i.description ?? "") &&
        rp.routes.some((r) => r.family === 6 && r.interface === String(i.index) && r.metric === m),
    );
    const entry = {
      address: addr,
      prefixLen: onLinkLen(addr, rp.routes, addr, 32),
      family: 4 as const,
      primary: true,
    };
    const only = cands[0];
    if (
      m !== undefined &&
      same.length === 1 &&
      cands.length === 1 &&
      only &&
      !only.addresses.some((a) => a.family === 4)
    ) {
      only.addresses.push(entry);
      only.up = true;
      continue;
    }
    const name = uniqueName(addr, taken);
    ifaces.push({
      index: 0,
      name,
      description: `card with address ${addr} (index unknown)`,
      addresses: [entry],
      // Active routes are only kept for a connected card: up; its index nobody printed.
      up: true,
      unknown: ["index"],
    });
    warnings.push(`route print alone does not say which card holds ${addr}: give ipconfig /all too`);
  }
  // A card with active routes is connected: its state was seen after all.
  for (const i of ifaces)
    if (i.up && i.unknown?.includes("up")) {
      const rest = i.unknown.filter((k) => k !== "up");
      if (rest.length > 0) i.unknown = rest;
      else delete i.unknown;
    }
  return { interfaces: ifaces, warnings };
}
