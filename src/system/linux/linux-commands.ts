// Every argv the Linux backend runs, in one place, so tests and the confirmation
// dialog see exactly what the kernel will be asked.
import { formatAddr, formatPrefix, parseAddr, parsePrefix, splitZone } from "../../core/ip.js";
import type { Endpoint, NetInterface, RouteChange } from "../../core/model.js";
import { ValidationError, validateChange } from "../../core/route-change.js";
import type { ExtrasArgv, TableRoute } from "../platform.js";
import { validIfName } from "./kernel-route.js";

export const IP_ADDR = ["ip", "-json", "addr", "show"];
export const IP_ROUTE_4 = ["ip", "-4", "-json", "route", "show", "table", "all"];
export const IP_ROUTE_6 = ["ip", "-6", "-json", "route", "show", "table", "all"];
export const IP_RULE_4 = ["ip", "-4", "-json", "rule", "show"];
export const IP_RULE_6 = ["ip", "-6", "-json", "rule", "show"];
// No -H: ss of EL7 does not know it, and the parser skips the header anyway.
export const SS = ["ss", "-tuan"];
export const SS_PROCESSES = ["ss", "-tuanp"];

// Live mode. Text routes stream and parse row by row (a million JSON objects would be
// held whole); `state connected` leaves listeners and unconnected UDP in the kernel.
export const IP_ROUTE_TEXT_4 = ["ip", "-4", "route", "show", "table", "all"];
export const IP_ROUTE_TEXT_6 = ["ip", "-6", "route", "show", "table", "all"];
export const SS_CONNECTED = ["ss", "-tuan", "state", "connected"];
export const SS_CONNECTED_PROCESSES = ["ss", "-tuanp", "state", "connected"];
// iproute2 6.1 ignores -json for monitor; the labels tell routes from rules, addresses and links.
export const IP_MONITOR = ["ip", "monitor", "label", "route", "rule", "address", "link"];

/** Kernel interface names only: never an option, never a path. */
function safeCard(name: string): boolean {
  return /^[A-Za-z0-9_.:@-]{1,32}$/.test(name) && !name.startsWith("-");
}

/** `ip -json neigh show dev <card>`: one card's neighbour (ARP) table, for the guided fix. */
export function ipNeighArgv(card: string): string[] {
  if (!safeCard(card)) throw new Error(`"${card}" is not a card name ip accepts`);
  return ["ip", "-json", "neigh", "show", "dev", card];
}

/** `ip [-6] route add|del <prefix> [via <gw>] [dev <card>] [metric <n>]`, from validated parts only. */
export function linuxChangeArgv(change: RouteChange, interfaces: NetInterface[]): string[] {
  const v = validateChange(change, interfaces);
  const argv = ["ip"];
  if (v.network.family === 6) argv.push("-6");
  argv.push("route", v.action === "add" ? "add" : "del", v.destination);
  if (v.gateway !== null) argv.push("via", v.gateway);
  if (v.iface !== null) argv.push("dev", v.iface.name);
  if (v.metric !== undefined) argv.push("metric", String(v.metric));
  if (v.table !== null) argv.push("table", v.table);
  return argv;
}

function endpointParts(e: Endpoint, field: string): { address: string; port: string; family: 4 | 6 } {
  // The zone of a link-local address is not part of ss's filter syntax; the ports pin the flow anyway.
  const a = parseAddr(splitZone(e.address).address);
  if (!a || !Number.isInteger(e.port) || e.port < 1 || e.port > 65535)
    throw new ValidationError(`cannot reset: ${field} is not an address and port`, field);
  const text = formatAddr(a);
  return { address: a.family === 6 ? `[${text}]` : text, port: String(e.port), family: a.family };
}

/**
 * `ss -K -t state syn-sent src A sport = :P dst B dport = :Q`: closes exactly one stuck
 * TCP connect (SOCK_DESTROY; the kernel needs CONFIG_INET_DIAG_DESTROY), nothing else.
 */
export function linuxResetArgv(flow: { local: Endpoint; remote: Endpoint }): string[] {
  const src = endpointParts(flow.local, "local");
  const dst = endpointParts(flow.remote, "remote");
  if (src.family !== dst.family) throw new ValidationError("cannot reset: the flow mixes families", "remote");
  return [
    "ss",
    "-K",
    src.family === 6 ? "-6" : "-4",
    "-t",
    "-n",
    "state",
    "syn-sent",
    "src",
    src.address,
    "sport",
    "=",
    `:${src.port}`,
    "dst",
    dst.address,
    "dport",
    "=",
    `:${dst.port}`,
  ];
}

function card(name: string, field = "card"): string {
  if (name !== "all" && !validIfName(name)) throw new ValidationError(`${field} is not a card name`, field);
  return name;
}

function address(text: string, field: string): string {
  const a = parseAddr(text);
  if (!a) throw new ValidationError(`${field} is not an address`, field);
  return formatAddr(a);
}

function prefix(text: string): string {
  const p = parsePrefix(text);
  if (!p) throw new ValidationError("the destination is not a prefix", "destination");
  return formatPrefix(p);
}

function table(text: string): string {
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff)
    throw new ValidationError("the table is not a number", "table");
  return text;
}

/** sysctl writes a card named eth0.100 as eth0/100 (dots separate the key's parts). */
function sysctlKey(name: string, knob: string): string {
  if (!/^[a-z_]+$/.test(knob)) throw new ValidationError("not a sysctl knob", "knob");
  return `net.ipv4.conf.${card(name).replaceAll(".", "/")}.${knob}`;
}

function tableRouteWords(r: TableRoute): string[] {
  const words = [prefix(r.prefix)];
  if (r.gateway !== undefined) words.push("via", address(r.gateway, "gateway"));
  words.push("dev", card(r.card));
  if (r.src !== undefined) words.push("src", address(r.src, "source"));
  words.push("table", table(r.table));
  return words;
}

/** The guided fix's extras on Linux: `sysctl -w`, `ip route … table T`, `ip rule … from A table T priority P`. */
export const LINUX_EXTRAS_ARGV: ExtrasArgv = {
  sysctlKey,
  sysctl(name, knob, value) {
    if (!Number.isInteger(value) || value < 0 || value > 9)
      throw new ValidationError("not a sysctl value", "value");
    return ["sysctl", "-w", `${sysctlKey(name, knob)}=${value}`];
  },
  route: (action, r) => ["ip", "route", action, ...tableRouteWords(r)],
  rule(action, r) {
    if (!Number.isInteger(r.priority) || r.priority < 0 || r.priority > 0xffffffff)
      throw new ValidationError("the rule priority is not a number", "priority");
    const from = address(r.from, "source");
    return ["ip", "rule", action, "from", from, "table", table(r.table), "priority", String(r.priority)];
  },
};

const TABLE_WORD = /^(?:main|default|[1-9]\d{0,9}|[A-Za-z][A-Za-z0-9_.-]{0,31})$/;

/**
 * `ip -4 -json route show table main exact 10.0.0.0/8`: every route of one prefix in one
 * table, straight from the kernel. Throws on a prefix or table of the wrong shape.
 */
export function exactRoutesArgv(destination: string, table: string): string[] {
  const p = parsePrefix(destination, { strict: true });
  if (!p) throw new ValidationError(`"${destination}" is not a prefix`, "destination");
  if (!TABLE_WORD.test(table)) throw new ValidationError(`"${table}" is not a routing table`, "table");
  return [
    "ip",
    p.addr.family === 6 ? "-6" : "-4",
    "-json",
    "route",
    "show",
    "table",
    table,
    "exact",
    formatPrefix(p),
  ];
}
