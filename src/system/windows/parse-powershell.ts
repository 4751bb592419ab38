// `Get-NetIPInterface`, `Get-NetIPAddress` and `Get-NetRoute` (sockets: parse-ps-sockets.ts),
// piped to ConvertTo-Json (one object or an array), or saved as the
// formatted list/table view. No raw JSON capture exists; a real list-view row of the
// same MSFT_NetRoute properties (salt fixture, `Find-NetRoute`):
//   DestinationPrefix  : 0.0.0.0/0
//   NextHop            : 10.0.0.1
import { normalizeAddr, normalizePrefix, splitZone } from "../../core/ip.js";
import type { Family, IfAddress, NetInterface, Route } from "../../core/model.js";
import { bool, connectedOf, familyOf, field, isPersistentStore, num, str } from "./ps-fields.js";
import { type PsParsed, psItems } from "./ps-input.js";
import { classifyRouteTypes } from "./route-types.js";

export { type PsParsed, psItems } from "./ps-input.js";

export interface PsIpInterface {
  index: number;
  alias: string | null;
  family: Family | null;
  metric: number | null;
  connected: boolean | null;
}

export function parsePsInterfaces(input: unknown): PsParsed & { interfaces: PsIpInterface[] } {
  const { items, warnings, error } = psItems(input);
  const interfaces: PsIpInterface[] = [];
  for (const o of items) {
    const index = num(o, "InterfaceIndex", "ifIndex");
    if (index === null) {
      warnings.push("Get-NetIPInterface: an entry has no InterfaceIndex");
      continue;
    }
    const metric = num(o, "InterfaceMetric", "ifMetric");
    const alias = str(o, "InterfaceAlias", "ifAlias");
    interfaces.push({ index, alias, family: familyOf(o), metric, connected: connectedOf(o) });
  }
  return { interfaces, warnings, ...(error ? { error } : {}) };
}

interface PsIpAddress {
  index: number;
  alias: string | null;
  address: IfAddress;
  persistent: boolean;
}

/** MSFT_NetIPAddress.AddressState 0 Invalid and 2 Duplicate cannot be used as a source. */
const UNUSABLE = /^(0|2|invalid|duplicate)$/i;

export function parsePsAddresses(input: unknown): PsParsed & { addresses: PsIpAddress[] } {
  const { items, warnings, error } = psItems(input);
  const addresses: PsIpAddress[] = [];
  for (const o of items) {
    const index = num(o, "InterfaceIndex", "ifIndex");
    const text = str(o, "IPAddress", "IPv4Address", "IPv6Address");
    const a = text === null ? null : normalizeAddr(splitZone(text).address);
    if (index === null || a === null) {
      warnings.push(`Get-NetIPAddress: unreadable entry ${text ?? "(no IPAddress)"}`);
      continue;
    }
    const state = field(o, "AddressState");
    const persistent = isPersistentStore(o);
    // The persistent store's copies read 'Invalid' by design; only active ones matter.
    if (!persistent && state !== undefined && state !== null && UNUSABLE.test(String(state))) {
      warnings.push(`Get-NetIPAddress: ${a} is not usable (AddressState ${String(state)})`);
      continue;
    }
    const family: Family = a.includes(":") ? 6 : 4;
    const address: IfAddress = {
      address: a,
      prefixLen: num(o, "PrefixLength") ?? (family === 4 ? 32 : 128),
      family,
    };
    if (bool(o, "SkipAsSource") === true) address.skipAsSource = true;
    if (a.startsWith("fe80:")) address.scope = "link";
    addresses.push({
      index,
      alias: str(o, "InterfaceAlias", "ifAlias"),
      address,
      persistent: isPersistentStore(o),
    });
  }
  return { addresses, warnings, ...(error ? { error } : {}) };
}

/** One NetInterface per index, named by its alias, with its active-store addresses. */
export function buildPsInterfaces(
  ifs: readonly PsIpInterface[],
  addrs: readonly PsIpAddress[],
): NetInterface[] {
  const out = new Map<number, NetInterface>();
  const get = (index: number, alias: string | null): NetInterface => {
    let i = out.get(index);
    if (!i) {
      i = { index, name: alias ?? `ifIndex ${index}`, addresses: [], up: false };
      out.set(index, i);
    }
    if (alias && i.name.startsWith("ifIndex ")) i.name = alias;
    return i;
  };
  for (const f of ifs) {
    const i = get(f.index, f.alias);
    if (f.metric !== null && (f.family === 4 || i.metric === undefined)) i.metric = f.metric;
    if (f.connected !== false) i.up = true;
  }
  for (const a of addrs) {
    if (a.persistent) continue;
    const i = get(a.index, a.alias);
    if (!ifs.some((f) => f.index === a.index)) i.up = true;
    if (!i.addresses.some((x) => x.address === a.address.address)) i.addresses.push({ ...a.address });
  }
  for (const i of out.values()) {
    const first = i.addresses.find((x) => x.family === 4 && !x.skipAsSource);
    if (first) first.primary = true;
  }
  return [...out.values()];
}

export function parsePsRoutes(
  input: unknown,
  ifs: readonly PsIpInterface[] = [],
): PsParsed & { routes: Route[]; persistent: Route[] } {
  const { items, warnings, error } = psItems(input);
  const routes: Route[] = [];
  const persistent: Route[] = [];
  let guessed = false;
  for (const o of items) {
    const prefix = str(o, "DestinationPrefix");
    const destination = prefix === null ? null : normalizePrefix(prefix);
    const index = num(o, "InterfaceIndex", "ifIndex");
    if (destination === null) {
      warnings.push(`Get-NetRoute: unreadable DestinationPrefix ${prefix ?? "(none)"}`);
      continue;
    }
    const family: Family = destination.includes(":") ? 6 : 4;
    const hop = str(o, "NextHop");
    const gw = hop === null ? null : normalizeAddr(splitZone(hop).address);
    const ifMetric =
      num(o, "InterfaceMetric", "ifMetric") ??
      ifs.find((f) => f.index === index && (f.family === null || f.family === family))?.metric ??
      null;
    const stored = isPersistentStore(o);
    if (ifMetric === null && !stored) guessed = true;
    const route: Route = {
      destination,
      family,
      gateway: gw === "0.0.0.0" || gw === "::" ? null : gw,
      interface: str(o, "InterfaceAlias", "ifAlias") ?? (index === null ? null : String(index)),
      metric: (num(o, "RouteMetric") ?? 0) + (stored ? 0 : (ifMetric ?? 0)),
      table: "main",
      type: "unicast",
      persistent: stored,
    };
    (stored ? persistent : routes).push(route);
  }
  if (guessed)
    warnings.push("Get-NetRoute: interface metric unknown for some routes; their metric is RouteMetric only");
  classifyRouteTypes(routes);
  return { routes, persistent, warnings, ...(error ? { error } : {}) };
}
