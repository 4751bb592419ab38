// A synthetic edge server rendered as the exact text its commands print, so the
// bench feeds the real parsers: two cards on 192.168.1.0/24 (eth0 faces the
// internet, eth1 reaches 10/8 via 192.168.1.254), a BGP-like table of any size,
// and a socket list of inbound HTTPS, outbound SIP, SYNs to 172.16/12 that leave
// the wrong card, and TIME-WAITs.
import { prng, type SynthRoute, syntheticDestinations, syntheticRoutes, v4Text } from "./synthetic.js";

export const ADDR_JSON = JSON.stringify([
  {
    ifindex: 1,
    ifname: "lo",
    flags: ["LOOPBACK", "UP", "LOWER_UP"],
    operstate: "UNKNOWN",
    addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8, scope: "host", label: "lo" }],
  },
  ...[0, 1].map((n) => ({
    ifindex: 2 + n,
    ifname: `eth${n}`,
    flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
    operstate: "UP",
    address: `52:54:00:00:00:0${n}`,
    addr_info: [
      { family: "inet", local: `192.168.1.1${n}`, prefixlen: 24, scope: "global", label: `eth${n}` },
    ],
  })),
]);

export const RULE_TEXT =
  "0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n";
export const RULE_JSON = JSON.stringify([
  { priority: 0, src: "all", table: "local" },
  { priority: 32766, src: "all", table: "main" },
  { priority: 32767, src: "all", table: "default" },
]);

const BASE_ROUTES = [
  "default via 192.168.1.1 dev eth0 proto static metric 100 ",
  "10.0.0.0/8 via 192.168.1.254 dev eth1 proto static metric 10 ",
  "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10 ",
  "192.168.1.0/24 dev eth1 proto kernel scope link src 192.168.1.11 metric 101 ",
  "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 ",
  "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 ",
  "broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 ",
  "local 192.168.1.10 dev eth0 table local proto kernel scope host src 192.168.1.10 ",
  "local 192.168.1.11 dev eth1 table local proto kernel scope host src 192.168.1.11 ",
  "broadcast 192.168.1.255 dev eth0 table local proto kernel scope link src 192.168.1.10 ",
  "broadcast 192.168.1.255 dev eth1 table local proto kernel scope link src 192.168.1.11 ",
];

/** The BGP part of the table, sorted the way the kernel dumps it, without the base routes. */
export function bgpRoutes(count: number): SynthRoute[] {
  // BGP next hops on the internet side, so the table does not move private ranges.
  return syntheticRoutes(Math.ceil(count * 1.01) + 10)
    .filter((r) => !isPrivate(r.network))
    .slice(0, count)
    .map((r) => ({ ...r, gateway: `192.168.1.${1 + (r.network % 4)}`, dev: "eth0" }))
    .sort((a, b) => a.network - b.network || b.len - a.len);
}

function isPrivate(v: number): boolean {
  return v >>> 24 === 10 || v >>> 20 === 0xac1 || v >>> 16 === 0xc0a8 || v >>> 24 === 127;
}

/** One `ip route` text line, as iproute2 prints it (host routes without /32). */
export function routeLine(r: SynthRoute): string {
  const dst = r.len === 32 ? v4Text(r.network) : `${v4Text(r.network)}/${r.len}`;
  return `${dst} via ${r.gateway} dev ${r.dev} proto bgp metric ${20 + r.metric} `;
}

/** `ip -4 route show table all` for a table of about `count` routes. */
export function routeText(count: number): string {
  const bgp = bgpRoutes(Math.max(0, count - BASE_ROUTES.length));
  const lines = [BASE_ROUTES[0] as string, ...bgp.map(routeLine), ...BASE_ROUTES.slice(1)];
  return `${lines.join("\n")}\n`;
}

/** `ip -4 -json route show table all` of the same table, for the JSON path's cost. */
export function routeJson(count: number): string {
  const bgp = bgpRoutes(Math.max(0, count - BASE_ROUTES.length));
  const rows = [
    '{"dst":"default","gateway":"192.168.1.1","dev":"eth0","protocol":"static","metric":100,"flags":[]}',
    ...bgp.map(
      (r) =>
        `{"dst":"${v4Text(r.network)}/${r.len}","gateway":"${r.gateway}","dev":"${r.dev}","protocol":"bgp","metric":${20 + r.metric},"flags":[]}`,
    ),
    '{"dst":"10.0.0.0/8","gateway":"192.168.1.254","dev":"eth1","protocol":"static","metric":10,"flags":[]}',
  ];
  return `[${rows.join(",")}]\n`;
}

export interface SynthSocket {
  state: string;
  local: string;
  remote: string;
}

/** `count` sockets as `ss -tanH` rows (state, queues, local, peer). */
export function socketList(count: number, routeCount: number, seed = 7): SynthSocket[] {
  const rnd = prng(seed);
  const dests = syntheticDestinations(syntheticRoutes(Math.min(routeCount, 50_000)), count, seed);
  const out: SynthSocket[] = [];
  for (let i = 0; i < count; i++) {
    const port = 1024 + (i % 60000);
    const pick = rnd();
    const ipFor = (base: number) => v4Text((base + Math.floor(i / 60000) * 65536 + (i % 65000)) >>> 0);
    if (pick < 0.7) {
      out.push({ state: "ESTAB", local: "192.168.1.10:443", remote: `${dests[i]}:${port}` });
    } else if (pick < 0.85) {
      out.push({ state: "ESTAB", local: `192.168.1.11:${port}`, remote: `${ipFor(0x0a010000)}:5061` });
    } else if (pick < 0.9) {
      out.push({ state: "SYN-SENT", local: `192.168.1.10:${port}`, remote: `${ipFor(0xac100000)}:5061` });
    } else {
      out.push({ state: "TIME-WAIT", local: "192.168.1.10:443", remote: `${dests[i]}:${port}` });
    }
  }
  return out;
}

export function ssText(sockets: readonly SynthSocket[]): string {
  const rows = sockets.map((s) => `${s.state.padEnd(9)} 0      0      ${s.local.padStart(20)} ${s.remote}`);
  return `${rows.join("\n")}\n`;
}
