// IP protocol numbers by the names iproute2 prints for them: read in `ip rule` and the
// policy file, printed back by `analyze` and the screen.
import { ownValue } from "./own-key.js";

// The names iproute2 prints (from /etc/protocols); anything else it prints as a number.
const PROTOCOLS: Record<string, number> = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  dccp: 33,
  gre: 47,
  esp: 50,
  ah: 51,
  "ipv6-icmp": 58,
  sctp: 132,
  udplite: 136,
};

const NAMES = new Map(Object.entries(PROTOCOLS).map(([name, n]) => [n, name]));

/** The name `ip rule` prints for a protocol number, else the number. */
export function protoName(n: number): string {
  return NAMES.get(n) ?? String(n);
}

export function protoNumber(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) return Number(text) <= 255 ? Number(text) : null;
  return ownValue(PROTOCOLS, text.toLowerCase()) ?? null;
}
