// The neighbour (ARP) table of the cards: where the guided fix looks for the
// internal gateway when no route names it yet. Linux `ip -json neigh show dev
// <card>`, Windows `arp -a`; macOS changes nothing, so it is not asked.

import { appendAll } from "../core/append-all.js";
import { errorText } from "../core/errors.js";
import { isAddr, parsePrefix, prefixContains } from "../core/ip.js";
import type { Neighbour, NeighbourRead, NetInterface, OsKind } from "../core/model.js";
import type { CommandRunner } from "./exec/runner-types.js";
import { ipNeighArgv } from "./linux/linux-commands.js";
import { parseIpNeighJson } from "./linux/parse-ip-neigh.js";
import { ARP_A } from "./windows/classic-platform.js";
import { parseArpA } from "./windows/parse-arp.js";

const DEAD = /FAILED|INCOMPLETE|NOARP|NONE/i;

/** Entries worth suggesting: answered at some point, unicast, not the subnet's broadcast. */
function usableNeighbour(n: Neighbour, cards: readonly NetInterface[]): boolean {
  if (!n.mac || DEAD.test(n.state) || n.mac === "ff:ff:ff:ff:ff:ff" || !isAddr(n.address)) return false;
  const first = Number(n.address.split(".")[0]);
  if ((n.address.includes(".") && first >= 224) || /^ff/i.test(n.address)) return false;
  const card = cards.find((c) => c.name === n.card);
  // The subnet's broadcast address shows up as a static entry on Windows.
  return !card?.addresses.some((a) => {
    const p = parsePrefix(`${a.address}/${a.prefixLen}`);
    return (
      a.address === n.address || (!!p && a.prefixLen < 31 && isBroadcast(n.address, p.addr.v, a.prefixLen))
    );
  });
}

function isBroadcast(address: string, network: number | bigint, len: number): boolean {
  if (typeof network !== "number") return false;
  const p = parsePrefix(`${address}/32`);
  if (p?.addr.family !== 4) return false;
  const host = len === 0 ? 0xffffffff : (0xffffffff >>> len) >>> 0;
  return (network | host) >>> 0 === p.addr.v;
}

async function linuxTables(runner: CommandRunner, cards: readonly NetInterface[]): Promise<NeighbourRead> {
  const out: NeighbourRead = { neighbours: [], warnings: [] };
  for (const card of cards) {
    try {
      const r = parseIpNeighJson((await runner.run(ipNeighArgv(card.name))).stdout, card.name);
      appendAll(out.neighbours, r.neighbours);
      appendAll(out.warnings, r.warnings);
      if (r.error) out.warnings.push(`${card.name}: ${r.error}`);
    } catch (e) {
      out.warnings.push(`neighbour table of ${card.name} not read: ${errorText(e)}`);
    }
  }
  return out;
}

async function windowsTables(runner: CommandRunner, cards: readonly NetInterface[]): Promise<NeighbourRead> {
  let text: string;
  try {
    text = (await runner.run(ARP_A)).stdout;
  } catch (e) {
    return { neighbours: [], warnings: [], error: `arp -a failed: ${errorText(e)}` };
  }
  const parsed = parseArpA(text);
  const neighbours: Neighbour[] = [];
  for (const s of parsed.sections) {
    const card =
      cards.find((c) => c.addresses.some((a) => a.address === s.interfaceAddress)) ??
      cards.find((c) => c.index === s.ifIndex);
    if (!card) continue;
    for (const e of s.entries)
      neighbours.push({ address: e.address, mac: e.mac, card: card.name, state: e.type });
  }
  return { neighbours, warnings: parsed.warnings };
}

/** The neighbours of `cards`, usable ones only; a failing table is a warning, never a throw. */
export async function readNeighbours(
  os: OsKind,
  runner: CommandRunner,
  cards: readonly NetInterface[],
): Promise<NeighbourRead> {
  const read =
    os === "linux"
      ? await linuxTables(runner, cards)
      : os === "windows"
        ? await windowsTables(runner, cards)
        : { neighbours: [], warnings: [`the neighbour table is not read on ${os}`] };
  return { ...read, neighbours: read.neighbours.filter((n) => usableNeighbour(n, cards)) };
}

/** Does `address` sit on one of the card's IPv4 subnets. */
export function onCardSubnet(card: NetInterface, address: string): boolean {
  const a = parsePrefix(`${address}/32`);
  return (
    !!a &&
    card.addresses.some((x) => {
      const p = parsePrefix(`${x.address}/${x.prefixLen}`);
      return !!p && p.addr.family === a.addr.family && prefixContains(p, a.addr);
    })
  );
}
