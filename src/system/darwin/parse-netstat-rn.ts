// macOS (and FreeBSD/NetBSD/OpenBSD) `netstat -rn`. Real rows (jc fixture, macOS 10.14 `-rnl`;
// jackpal, NetBSD 9.99):
//   default            192.168.1.254      UGSc           83       24   1500     en0
//   192.168.1          link#10            UCS            12        0   1500     en0      !
//   127/8              127.0.0.1          UGRS        -        -  33624  lo0
//   fe80::%en0/64                           link#10                         UCI  …  en0
// BSD trims trailing zero octets ('192.168.1' = /24) and writes the zone inside the
// prefix ('fe80::%en0/64'). A gateway counts only with the G flag: link#N, a MAC or
// an interface name in that column mean on-link.
import { normalizeAddr, normalizePrefix } from "../../core/ip.js";
import type { Family, Route, RouteType } from "../../core/model.js";

export interface DarwinRouteRow {
  family: Family;
  destination: string;
  gateway: string;
  flags: string;
  netif: string;
  /** False when the row is in `unparsed` (its texts are names or stumps). */
  parsed: boolean;
}

export interface NetstatRnResult {
  routes: Route[];
  /** Every table row, parsed or not, as printed (for deriving cards from the table). */
  rows: DarwinRouteRow[];
  /** Rows that could not become routes (names without -n, truncated columns). */
  unparsed: string[];
  warnings: string[];
}

interface Section {
  family: Family;
  netifAt: number;
  gatewayWidth: number;
  flagsWidth: number;
}

export function parseNetstatRn(text: string): NetstatRnResult {
  const out: NetstatRnResult = { routes: [], rows: [], unparsed: [], warnings: [] };
  let section: Section | null = null;
  let family: Family = 4;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n|\r/)) {
    const line = raw.replace(/\s+$/, "");
    const t = line.trim();
    if (t === "" || /^Routing tables/i.test(t)) continue;
    if (/^Internet6:/i.test(t)) family = 6;
    else if (/^Internet:/i.test(t)) family = 4;
    if (/^Internet6?:|^(AppleTalk|Netmap|Link)\b/i.test(t)) {
      section = null;
      continue;
    }
    if (/^Destination\s/.test(t)) {
      section = headerOf(line, family);
      continue;
    }
    if (!section) {
      out.warnings.push(`netstat -rn: row outside a table: ${t}`);
      continue;
    }
    parseRow(out, section, line);
  }
  return out;
}

function headerOf(line: string, family: Family): Section {
  const words = line.trim().split(/\s+/);
  const netifAt = words.findIndex((w) => /^(Netif|Interface|Iface)$/i.test(w));
  const gw = line.indexOf("Gateway");
  const flags = line.indexOf("Flags");
  return {
    family,
    netifAt: netifAt < 0 ? 3 : netifAt,
    gatewayWidth: gw,
    flagsWidth: flags - gw,
  };
}

function parseRow(out: NetstatRnResult, s: Section, line: string): void {
  const w = line.trim().split(/\s+/);
  const [dest = "", gateway = "", flags = ""] = w;
  const netif = w[s.netifAt] ?? w[w.length - 1] ?? "";
  if (w.length < 4) {
    out.unparsed.push(line.trim());
    out.warnings.push(`netstat -rn: short row: ${line.trim()}`);
    return;
  }
  const row: DarwinRouteRow = { family: s.family, destination: dest, gateway, flags, netif, parsed: false };
  out.rows.push(row);
  // Without -n, columns are cut at 18 characters: an IPv6 text that long may be a stump.
  const cut = (tok: string, width: number) => s.family === 6 && width === 19 && tok.length >= 18;
  const destination = prefixOf(dest, s.family);
  const hasGateway = flags.includes("G");
  const gwText = gateway === "localhost" ? (s.family === 4 ? "127.0.0.1" : "::1") : stripZone(gateway);
  const gw = hasGateway ? normalizeAddr(gwText) : null;
  if (!destination || cut(dest, s.gatewayWidth) || (hasGateway && (!gw || cut(gateway, s.flagsWidth)))) {
    out.unparsed.push(line.trim());
    out.warnings.push(`netstat -rn: cannot read (a name, or cut short; run netstat -rn): ${line.trim()}`);
    return;
  }
  row.parsed = true;
  out.routes.push({
    destination,
    family: s.family,
    gateway: gw,
    interface: netif,
    metric: 0,
    table: "main",
    type: typeOf(destination, flags, netif),
    persistent: false,
    ...(flags.includes("S") ? { protocol: "static" } : {}),
  });
}

function stripZone(text: string): string {
  return text.replace(/%[^/]*/, "");
}

/** 'default', '127', '192.168.1', '10.110.1/24', 'fe80::%en0/64', 'localhost' → canonical prefix. */
export function prefixOf(text: string, family: Family): string | null {
  if (text === "default") return family === 4 ? "0.0.0.0/0" : "::/0";
  if (text === "localhost") return family === 4 ? "127.0.0.1/32" : "::1/128";
  if (family === 6) {
    const p = normalizePrefix(stripZone(text), 6);
    return p?.includes(":") ? p : null;
  }
  const m = /^(\d{1,3}(?:\.\d{1,3}){0,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const octets = (m[1] ?? "").split(".");
  const len = m[2] === undefined ? (octets.length === 4 ? 32 : octets.length * 8) : Number(m[2]);
  while (octets.length < 4) octets.push("0");
  return normalizePrefix(`${octets.join(".")}/${len}`, 4);
}

function typeOf(destination: string, flags: string, netif: string): RouteType {
  if (flags.includes("B")) return "blackhole";
  if (flags.includes("R")) return "unreachable";
  if (flags.includes("b") || destination === "255.255.255.255/32") return "broadcast";
  if (flags.includes("m") || /^(22[4-9]|23\d)\./.test(destination) || /^ff/i.test(destination))
    return "multicast";
  const host = destination.endsWith("/32") || destination.endsWith("/128");
  if (host && /^lo\d/.test(netif)) return "local";
  return "unicast";
}
