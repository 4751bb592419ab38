// `ip -json addr show` → NetInterface[]. A real row (iproute2 6.1, trimmed):
// {"ifindex":3,"link":"vb","ifname":"va","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,
//  "operstate":"UP","link_type":"ether","address":"a2:ff:3f:b3:3f:59","addr_info":[{"family":"inet",
//  "local":"10.9.0.1","prefixlen":24,"scope":"global","label":"va"},{"family":"inet","local":"10.9.0.2",
//  "prefixlen":24,"scope":"global","secondary":true,"label":"va"}]}
import { normalizeAddr } from "../../core/ip.js";
import type { IfAddress, NetInterface } from "../../core/model.js";
import { brief, isObject, type JsonObject, num, readJsonArray, str } from "./json-input.js";

interface ParsedInterfaces {
  interfaces: NetInterface[];
  warnings: string[];
  /** Set when the output as a whole could not be read. */
  error?: string;
}

const DOWN_STATES = new Set(["DOWN", "LOWERLAYERDOWN", "NOTPRESENT"]);

function parseAddress(a: JsonObject, ifname: string, warnings: string[]): IfAddress | null {
  const fam = str(a, "family");
  if (fam !== "inet" && fam !== "inet6") return null;
  const local = str(a, "local");
  const address = local === undefined ? null : normalizeAddr(local);
  const prefixLen = num(a, "prefixlen");
  const max = fam === "inet" ? 32 : 128;
  if (address === null || prefixLen === undefined || prefixLen < 0 || prefixLen > max) {
    warnings.push(`ip addr: ${ifname}: unreadable address ${brief(a)}`);
    return null;
  }
  const out: IfAddress = {
    address,
    prefixLen,
    family: fam === "inet" ? 4 : 6,
    primary: a.secondary !== true,
  };
  // A duplicate or not-yet-verified IPv6 address is never picked as a source.
  if (a.dadfailed === true || a.tentative === true) out.skipAsSource = true;
  if (a.deprecated === true) out.deprecated = true;
  if (a.temporary === true) out.temporary = true;
  const scope = str(a, "scope");
  if (scope !== undefined) out.scope = scope;
  return out;
}

export function parseIpAddrJson(text: string): ParsedInterfaces {
  const { items, error } = readJsonArray(text, "ip -json addr show");
  const warnings: string[] = [];
  const interfaces: NetInterface[] = [];
  for (const item of items) {
    if (!isObject(item)) {
      warnings.push(`ip addr: ignored entry ${brief(item)}`);
      continue;
    }
    const name = str(item, "ifname");
    const index = num(item, "ifindex");
    if (name === undefined || index === undefined) {
      warnings.push(`ip addr: entry without ifname/ifindex ${brief(item)}`);
      continue;
    }
    const flags = Array.isArray(item.flags)
      ? item.flags.filter((f): f is string => typeof f === "string")
      : [];
    const oper = str(item, "operstate") ?? "UNKNOWN";
    const addrInfo = Array.isArray(item.addr_info) ? item.addr_info : [];
    const addresses = addrInfo
      .filter(isObject)
      .map((a) => parseAddress(a, name, warnings))
      .filter((a): a is IfAddress => a !== null);
    const card: NetInterface = {
      index,
      name,
      addresses,
      up: flags.includes("UP") && !DOWN_STATES.has(oper),
    };
    const altnames = Array.isArray(item.altnames) ? item.altnames : [];
    if (typeof altnames[0] === "string") card.description = altnames[0];
    const mac = str(item, "address");
    if (mac !== undefined && str(item, "link_type") === "ether") card.mac = mac;
    interfaces.push(card);
  }
  return error === undefined ? { interfaces, warnings } : { interfaces, warnings, error };
}
