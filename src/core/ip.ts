// Address math. The only module that imports ip-address: IPv6 text forms are
// subtle (zero compression, embedded IPv4, zones), so we lean on it there, and
// keep IPv4 on plain numbers because lookups run millions of times.
import { Address6 } from "ip-address";
import type { Family } from "./model.js";

export type Addr = { family: 4; v: number } | { family: 6; v: bigint };

export interface Prefix {
  addr: Addr;
  len: number;
}

/** Hand-rolled: route tables of a million rows are parsed every re-sync. */
function parseV4(s: string): number | null {
  let v = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // Leading zeros are octal to some tools and decimal to others: refuse them.
      if (digits > 0 && octet === 0) return null;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return null;
      v = v * 256 + octet;
      octet = 0;
      digits = 0;
    } else return null;
  }
  if (digits === 0 || dots !== 3) return null;
  return v * 256 + octet;
}

function parseV6(s: string): bigint | null {
  if (!s.includes(":") || s.includes("%") || s.includes("/")) return null;
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  if (!Address6.isValid(s)) return null;
  return new Address6(s).bigInt();
}

/** Parses a bare address (no zone, no prefix). Returns null when it is not one. */
export function parseAddr(s: string): Addr | null {
  const t = s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32 ? s : s.trim();
  const v4 = parseV4(t);
  if (v4 !== null) return { family: 4, v: v4 };
  const v6 = parseV6(t);
  if (v6 !== null) return { family: 6, v: v6 };
  return null;
}

export function formatV4(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function formatAddr(a: Addr): string {
  if (a.family === 4) return formatV4(a.v);
  return Address6.fromBigInt(a.v).correctForm();
}

export function bitsOf(family: Family): number {
  return family === 4 ? 32 : 128;
}

function maskV4(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

const ALL6 = (1n << 128n) - 1n;
function maskV6(len: number): bigint {
  return len === 0 ? 0n : (ALL6 << BigInt(128 - len)) & ALL6;
}

/** The network address of `a` under a prefix length. */
export function networkAddr(a: Addr, len: number): Addr {
  if (a.family === 4) return { family: 4, v: (a.v & maskV4(len)) >>> 0 };
  return { family: 6, v: a.v & maskV6(len) };
}

/**
 * Parses "10.0.0.0/8", "fe80::/64", a bare address (a host prefix), or "default"
 * (IPv4 unless family 6 is given). Host bits are cleared unless `strict`, in which
 * case a prefix with host bits set is refused.
 */
export function parsePrefix(s: string, opts: { family?: Family; strict?: boolean } = {}): Prefix | null {
  const t = s.trim();
  if (t === "default" || t === "any") {
    const family = opts.family ?? 4;
    return { addr: family === 4 ? { family: 4, v: 0 } : { family: 6, v: 0n }, len: 0 };
  }
  const slash = t.indexOf("/");
  const addr = parseAddr(slash < 0 ? t : t.slice(0, slash));
  if (!addr) return null;
  const max = bitsOf(addr.family);
  let len = max;
  if (slash >= 0) {
    const ls = t.slice(slash + 1);
    if (!/^\d{1,3}$/.test(ls)) return null;
    len = Number(ls);
    if (len > max) return null;
  }
  const net = networkAddr(addr, len);
  if (opts.strict && !addrEquals(net, addr)) return null;
  return { addr: net, len };
}

export function formatPrefix(p: Prefix): string {
  return `${formatAddr(p.addr)}/${p.len}`;
}

/** Canonical prefix text or null: "10.1.0.0/8" → "10.0.0.0/8", "default" → "0.0.0.0/0". */
export function normalizePrefix(s: string, family?: Family): string | null {
  const p = parsePrefix(s, family ? { family } : {});
  return p ? formatPrefix(p) : null;
}

/** Canonical address text or null. */
export function normalizeAddr(s: string): string | null {
  const a = parseAddr(s);
  return a ? formatAddr(a) : null;
}

export function isAddr(s: string): boolean {
  return parseAddr(s) !== null;
}

export function addrEquals(a: Addr, b: Addr): boolean {
  return a.family === b.family && a.v === b.v;
}

export function prefixContains(p: Prefix, a: Addr): boolean {
  if (p.addr.family !== a.family) return false;
  return addrEquals(networkAddr(a, p.len), p.addr);
}

export function prefixContainsPrefix(outer: Prefix, inner: Prefix): boolean {
  return inner.len >= outer.len && prefixContains(outer, inner.addr);
}

/** Text-level convenience: does prefix text contain address text. */
export function contains(prefix: string, address: string): boolean {
  const p = parsePrefix(prefix);
  const a = parseAddr(address);
  return !!p && !!a && prefixContains(p, a);
}

/** "255.255.255.0" → 24; null when the mask is not contiguous. */
export function maskToLen(mask: string): number | null {
  const v = parseV4(mask.trim());
  if (v === null) return null;
  for (let len = 0; len <= 32; len++) if (maskV4(len) === v) return len;
  return null;
}

export function lenToMask(len: number): string {
  if (!Number.isInteger(len) || len < 0 || len > 32)
    throw new RangeError(`prefix length ${len} is not 0..32`);
  return formatV4(maskV4(len));
}

/** Interface index as printed: decimal "12" or hex "0x10004". */
export function parseIfIndex(s: string): number | null {
  const t = s.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t.slice(2), 16);
  if (/^\d+$/.test(t)) return Number(t);
  return null;
}

export function formatIfIndexHex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** Splits "fe80::1%eth0" / "fe80::1%11" into address and zone. */
export function splitZone(s: string): { address: string; zone: string | null } {
  const i = s.indexOf("%");
  return i < 0 ? { address: s, zone: null } : { address: s.slice(0, i), zone: s.slice(i + 1) };
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) → the IPv4 address; anything else unchanged. */
export function unmapV4(a: Addr): Addr {
  if (a.family === 6 && a.v >> 32n === 0xffffn) return { family: 4, v: Number(a.v & 0xffffffffn) };
  return a;
}

export const PRIVATE_V4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

export function isLinkLocal(a: Addr): boolean {
  return a.family === 4 ? a.v >>> 16 === 0xa9fe : a.v >> 118n === 0x3fan;
}

export function isLoopback(a: Addr): boolean {
  return a.family === 4 ? a.v >>> 24 === 127 : a.v === 1n;
}

export function familyOf(s: string): Family | null {
  const a = parseAddr(splitZone(s.split("/")[0] ?? "").address);
  return a ? a.family : null;
}
