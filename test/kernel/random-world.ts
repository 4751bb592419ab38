// The kernel oracle's random worlds: a namespace with three cards, random routes
// over main, 100 and 200 with special types, random policy rules (layer-4 ones
// too) and some IPv6, all drawn from a seed so a failure can be replayed.
import { execFileSync } from "node:child_process";
import { prng } from "../../bench/synthetic.js";
import { ipn, tryIpn } from "./netns-helpers.js";

export const LOCAL4 = ["10.0.0.1", "10.0.0.100", "10.0.1.1", "192.168.7.1"];
const VIAS = [
  ["via", "10.0.0.2", "dev", "a0"],
  ["via", "10.0.1.2", "dev", "a1"],
  ["dev", "a2"],
  ["via", "10.0.0.3", "dev", "a0"],
];

export function buildWorld(ns: string, seed: number): void {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  execFileSync("ip", ["netns", "add", ns]);
  ipn(ns, "link", "set", "lo", "up");
  for (const [a, b] of [
    ["a0", "b0"],
    ["a1", "b1"],
    ["a2", "b2"],
  ] as const) {
    ipn(ns, "link", "add", a, "type", "veth", "peer", "name", b);
    ipn(ns, "link", "set", a, "up");
    ipn(ns, "link", "set", b, "up");
  }
  ipn(ns, "addr", "add", "10.0.0.1/24", "dev", "a0");
  ipn(ns, "addr", "add", "10.0.0.100/24", "dev", "a0");
  ipn(ns, "addr", "add", "10.0.1.1/24", "dev", "a1");
  ipn(ns, "addr", "add", "192.168.7.1/24", "dev", "a2");
  ipn(ns, "addr", "add", "2001:db8:0::1/64", "dev", "a0", "nodad");
  ipn(ns, "addr", "add", "2001:db8:1::1/64", "dev", "a1", "nodad");
  const tables = ["main", "main", "100", "200"];
  for (let i = 0; i < 70; i++) {
    const len = pick([0, 8, 12, 16, 16, 20, 24, 24, 28, 32]);
    const a = [pick([10, 172, 192]), Math.floor(rnd() * 4), Math.floor(rnd() * 256), Math.floor(rnd() * 256)];
    const dst = `${a.join(".")}/${len}`;
    const kind = pick([
      "unicast",
      "unicast",
      "unicast",
      "unicast",
      "blackhole",
      "unreachable",
      "prohibit",
      "throw",
    ]);
    const table = ["table", pick(tables)];
    const metric = ["metric", String(pick([0, 10, 20]))];
    const body =
      kind === "unicast" ? [dst, ...pick(VIAS), ...(rnd() < 0.15 ? ["src", "10.0.0.100"] : [])] : [kind, dst];
    tryIpn(ns, "route", "add", ...body, ...table, ...metric);
  }
  for (let i = 0; i < 10; i++) {
    const v6 = `2001:db8:${Math.floor(rnd() * 4).toString(16)}::/${pick([32, 48, 64])}`;
    tryIpn(
      ns,
      "-6",
      "route",
      "add",
      v6,
      "via",
      pick(["2001:db8::2", "2001:db8:1::2"]),
      "table",
      pick(tables),
    );
  }
  tryIpn(ns, "-6", "route", "add", "blackhole", "2001:db8:9::/48");
  const actions = [
    ["lookup", "100"],
    ["lookup", "200"],
    ["lookup", "100", "suppress_prefixlength", "0"],
    ["blackhole"],
    ["unreachable"],
    ["prohibit"],
    ["goto", "32766"],
  ];
  const selectors = [
    ["from", "10.0.0.100"],
    ["from", "10.0.1.0/24"],
    ["to", "10.1.0.0/16"],
    ["to", "172.0.0.0/8"],
    ["fwmark", "0x1/0xff"],
    ["not", "from", "10.0.0.0/24"],
    ["iif", "lo", "to", "192.168.0.0/16"],
    ["oif", "a1"],
  ];
  const l4Selectors = [
    ["ipproto", "tcp", "dport", "5061"],
    ["ipproto", "udp"],
    ["sport", "1000-2000", "to", "10.0.0.0/8"],
    ["dport", "400-600"],
  ];
  for (let i = 0; i < 9; i++) {
    const pref = String(100 + Math.floor(rnd() * 30000));
    tryIpn(ns, "rule", "add", ...pick(selectors), ...pick(actions), "pref", pref);
  }
  tryIpn(ns, "-6", "rule", "add", "from", "2001:db8:1::/64", "lookup", "100", "pref", "500");
  // Protocol and port selectors, drawn from a stream of their own so the worlds above stay as they were.
  const more = prng(seed * 13);
  for (const sel of l4Selectors) {
    const pref = String(100 + Math.floor(more() * 30000));
    const action = actions[Math.floor(more() * actions.length)] as string[];
    tryIpn(ns, "rule", "add", ...sel, ...action, "pref", pref);
  }
}
