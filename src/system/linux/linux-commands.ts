// Every argv the Linux backend runs, in one place, so tests and the confirmation
// dialog see exactly what the kernel will be asked.
import { formatAddr, parseAddr, splitZone } from "../../core/ip.js";
import type { Endpoint, NetInterface, RouteChange } from "../../core/model.js";
import { ValidationError, validateChange } from "../validate.js";

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
