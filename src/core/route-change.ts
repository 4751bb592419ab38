// Every value is checked before it becomes part of an argv: a route command run
// as root with "192.168.1.254;reboot" in it must be impossible by construction.
import { type Addr, formatAddr, formatPrefix, parseAddr, parseIfIndex, parsePrefix } from "./ip.js";
import type { NetInterface, RouteChange } from "./model.js";
import { echoInput } from "./visible-text.js";

export class ValidationError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

export interface ValidChange {
  action: "add" | "delete";
  /** Canonical prefix text, host bits refused. */
  destination: string;
  prefixLen: number;
  network: Addr;
  gateway: string | null;
  /** The card, resolved against the host's cards. */
  iface: NetInterface | null;
  metric: number | undefined;
  persistent: boolean;
  /** A Linux table other than main, or null for main. */
  table: string | null;
}

/** A table as `ip route … table T` takes it: a number, or a name from rt_tables. */
const TABLE = /^(?:[1-9]\d{0,9}|[A-Za-z][A-Za-z0-9_.-]{0,31})$/;

/**
 * iproute2's reserved tables (rt_tables): 0 unspec, 253 default, 254 main, 255 local.
 * One spelling each, as `ip route` prints them, so "253" and "default" compare equal.
 */
function tableOf(t: string | undefined): string | null {
  if (t === undefined || t === "" || t === "main" || t === "254") return null;
  if (t === "253" || t === "default") return "default";
  if (!TABLE.test(t) || Number(t) > 4294967295 || ["local", "255", "unspec"].includes(t))
    throw new ValidationError(
      `table "${echoInput(t, 40)}" is not a routing table for routes: give a number or a name`,
      "table",
    );
  return t;
}

/** An address that cannot be a next hop: unspecified, multicast, broadcast, or this host's own. */
function badGateway(gw: Addr, interfaces: readonly NetInterface[]): string | null {
  const text = formatAddr(gw);
  if (text === "0.0.0.0" || text === "::") return "is the unspecified address, not a gateway";
  if (
    text === "255.255.255.255" ||
    (gw.family === 4 && text.split(".")[0] !== undefined && Number(text.split(".")[0]) >= 224)
  )
    return "is a multicast or broadcast address, not a gateway";
  if (gw.family === 6 && text.startsWith("ff")) return "is a multicast address, not a gateway";
  const own = interfaces.find((i) => i.addresses.some((a) => a.address === text));
  if (own) return `is this host's own address (on ${own.name}): give the router's address`;
  return null;
}

/** Finds a card by name, description, index (decimal or 0x hex) or one of its addresses. */
function findInterface(ref: string, interfaces: readonly NetInterface[]): NetInterface | null {
  const t = ref.trim();
  const byName = interfaces.find((i) => i.name === t) ?? interfaces.find((i) => i.description === t);
  if (byName) return byName;
  const idx = parseIfIndex(t);
  if (idx !== null) return interfaces.find((i) => i.index === idx) ?? null;
  const addr = parseAddr(t);
  if (addr) {
    const text = formatAddr(addr);
    return interfaces.find((i) => i.addresses.some((a) => a.address === text)) ?? null;
  }
  return null;
}

export function validateChange(change: RouteChange, interfaces: readonly NetInterface[]): ValidChange {
  const prefix = parsePrefix(change.destination, { strict: true });
  if (!prefix) {
    const loose = parsePrefix(change.destination);
    throw new ValidationError(
      loose
        ? `destination ${change.destination} has host bits set: did you mean ${formatPrefix(loose)}?`
        : `destination "${echoInput(change.destination)}" is not a prefix such as 10.0.0.0/8`,
      "destination",
    );
  }
  let gateway: string | null = null;
  if (change.gateway !== null && change.gateway !== "") {
    const gw = parseAddr(change.gateway);
    if (!gw)
      throw new ValidationError(`gateway "${echoInput(change.gateway)}" is not an IP address`, "gateway");
    if (gw.family !== prefix.addr.family)
      throw new ValidationError(`gateway ${change.gateway} is not of the destination's family`, "gateway");
    // Only for an add: a delete names the route as it is, whatever it holds.
    const bad = change.action === "add" ? badGateway(gw, interfaces) : null;
    if (bad) throw new ValidationError(`gateway ${formatAddr(gw)} ${bad}`, "gateway");
    gateway = formatAddr(gw);
  }
  let iface: NetInterface | null = null;
  if (change.interface !== null && change.interface !== "") {
    iface = findInterface(change.interface, interfaces);
    if (!iface) {
      const names = interfaces.map((i) => i.name).join(", ");
      throw new ValidationError(
        `this host has no card "${echoInput(change.interface, 40)}" (cards: ${names})`,
        "interface",
      );
    }
  }
  if (change.action === "add" && !iface && !gateway)
    throw new ValidationError("a route needs a gateway, a card, or both", "gateway");
  const metric = change.metric;
  if (metric !== undefined && (!Number.isInteger(metric) || metric < 0 || metric > 9999))
    throw new ValidationError(`metric ${metric} is not a whole number from 0 to 9999`, "metric");
  const table = tableOf(change.table);
  return {
    action: change.action,
    destination: formatPrefix(prefix),
    prefixLen: prefix.len,
    network: prefix.addr,
    gateway,
    iface,
    metric,
    persistent: change.persistent,
    table,
  };
}
