// IPv6 source address selection as Linux does it (addrconf.c, ipv6_dev_get_saddr;
// RFC 6724 §5): every usable address of the host is scored rule by rule, the
// first rule that tells two candidates apart decides, and a tie keeps the one
// met first (cards in interface order, each card's addresses as `ip addr` lists them).
import { type Addr, type Prefix, parsePrefix, prefixContains } from "./ip.js";
import type { CardAddress, RoutingIndex } from "./routing-index.js";

// The kernel's default address label table (`ip addrlabel`), longest prefix first.
const LABELS: [Prefix, number][] = (
  [
    ["::1/128", 0],
    ["::ffff:0:0/96", 4],
    ["::/96", 3],
    ["2001:10::/28", 7],
    ["2001::/32", 6],
    ["2002::/16", 2],
    ["3ffe::/16", 12],
    ["fec0::/10", 11],
    ["fc00::/7", 5],
    ["::/0", 1],
  ] as const
).map(([p, l]) => [parsePrefix(p) as Prefix, l]);

const ORCHID = parsePrefix("2001:10::/28") as Prefix;
const MAPPED = parsePrefix("::ffff:0:0/96") as Prefix;
const COMPAT = parsePrefix("::/96") as Prefix;

const label = (a: Addr) => LABELS.find(([p]) => prefixContains(p, a))?.[1] ?? 1;
const top = (a: Addr, bits: number) => Number((a.v as bigint) >> BigInt(128 - bits));

/** The address's scope as the kernel ranks it: 2 link, 5 site, 14 global; multicast carries its own. */
function scopeOf(a: Addr): number {
  const v = a.v as bigint;
  if (v === 1n) return 2;
  if (top(a, 8) === 0xff) return Number((v >> 112n) & 0xfn);
  if (top(a, 10) === 0x3fa) return 2;
  if (top(a, 10) === 0x3fb) return 5;
  return 14;
}

function commonBits(a: Addr, b: Addr): number {
  const x = (a.v as bigint) ^ (b.v as bigint);
  return x === 0n ? 128 : 128 - x.toString(2).length;
}

const usable = (c: CardAddress) => {
  const v = c.addr.v as bigint;
  return c.addr.family === 6 && !c.info.skipAsSource && v !== 0n && top(c.addr, 8) !== 0xff;
};

/** The rule scores of one candidate, best first; larger wins. */
function scores(c: CardAddress, onOut: boolean, dst: Addr, dstScope: number, dstLabel: number): number[] {
  const scope = scopeOf(c.addr);
  const special = c.addr.v === 1n || prefixContains(MAPPED, c.addr) || prefixContains(COMPAT, c.addr);
  return [
    c.addr.v === dst.v ? 1 : 0, // same address
    scope >= dstScope ? -scope : scope - 128, // the smallest scope that reaches the destination
    special || !c.info.deprecated ? 1 : 0, // avoid deprecated
    onOut ? 1 : 0, // the outgoing card
    label(c.addr) === dstLabel ? 1 : 0, // matching label
    c.info.temporary ? 0 : 1, // public over temporary (use_tempaddr < 2, the server default)
    prefixContains(ORCHID, c.addr) === prefixContains(ORCHID, dst) ? 1 : 0,
    Math.min(commonBits(c.addr, dst), c.info.prefixLen), // longest matching prefix
  ];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) > (b[i] as number);
  return false;
}

export function selectSourceV6(index: RoutingIndex, outCard: string | null, dst: Addr): CardAddress | null {
  const dstScope = scopeOf(dst);
  const dstLabel = label(dst);
  // Link-local and multicast destinations take only the outgoing card's addresses.
  const onlyOut = outCard !== null && (top(dst, 8) === 0xff || dstScope <= 2);
  let best: CardAddress | null = null;
  let bestScores: number[] = [];
  for (const [name, card] of index.cards) {
    if (onlyOut && name !== outCard) continue;
    const onOut = outCard === null || name === outCard;
    for (const c of card.addresses) {
      if (!usable(c)) continue;
      const s = scores(c, onOut, dst, dstScope, dstLabel);
      if (!best || better(s, bestScores)) {
        best = c;
        bestScores = s;
      }
    }
  }
  return best;
}
