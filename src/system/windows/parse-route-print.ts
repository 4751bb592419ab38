// `route print` (and Windows `netstat -rn`, which prints the same tables), XP to 11.
// Real rows (jc fixtures, Windows XP and Windows 7):
//   0x2 ...00 0c 29 21 f9 3e ...... Intel(R) PRO/1000 MT Network Connection - Packet Scheduler Miniport
//             0.0.0.0          0.0.0.0     192.168.22.1    192.168.22.33     10
//    10    266 fe80::c447:d1ef:c29f:c48c/128
//                                       On-link
// Sections are told apart by shape, not by words, because every word is localized
// ('Itinéraires actifs', 'Auf Verbindung', '在链路上'): '=' rules, "title:" lines, and
// the column shapes of each row kind.
import { maskToLen, normalizeAddr, normalizePrefix, parseIfIndex } from "../../core/ip.js";
import type { Route } from "../../core/model.js";
import { splitMacLead } from "./mac.js";
import { classifyRouteTypes } from "./route-types.js";

export interface RoutePrintInterface {
  index: number;
  mac?: string;
  description: string;
}

export interface RoutePrintResult {
  interfaces: RoutePrintInterface[];
  /** Active routes. IPv4 `interface` is the card's address as printed, IPv6 the If index. */
  routes: Route[];
  /** The 'Persistent Routes' lists; metric 'Default' becomes 0. */
  persistent: Route[];
  /** XP/2003 'Default Gateway:' line. */
  defaultGateway?: string;
  /** The XP/2003 layout (hex interface ids): those Windows were weak host. */
  legacy?: boolean;
  warnings: string[];
}

const SEPARATOR = /^\s*={5,}\s*$/;
const IF_ROW = /^\s*(0x[0-9a-f]+|\d+)\s*\.\.\.(.*)$/i;
const V4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const WORDS = String.raw`\S(?:.*?\S)?`;
const ACTIVE_V4 = new RegExp(String.raw`^\s*(${V4})\s+(${V4})\s+(${WORDS})\s+(${V4}|\d+)\s+(\d+)\s*$`);
const PERSISTENT_V4 = new RegExp(String.raw`^\s*(${V4})\s+(${V4})\s+(${WORDS})\s+(\S+)\s*$`);
const V6_ROW = /^\s*(\d+)\s+(\d+)\s+(\S*:\S*)(?:\s+(\S.*?))?\s*$/;
const GATEWAY_LINE = new RegExp(String.raw`^\s*[^\d\s:][^:]*:\s*(${V4})\s*$`);
const TITLE = /^\s*[^\d\s].*[:：]\s*$/;
const FAMILY_MARK = /IPv[46]/;

interface State {
  out: RoutePrintResult;
  titles: number;
  inIfList: boolean;
  lastIfLine: string;
  pending: { route: Route; persistent: boolean } | null;
}

export function parseRoutePrint(text: string): RoutePrintResult {
  const st: State = {
    out: { interfaces: [], routes: [], persistent: [], warnings: [] },
    titles: 0,
    inIfList: false,
    lastIfLine: "",
    pending: null,
  };
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n|\r/)) parseLine(st, raw.replace(/\s+$/, ""));
  if (st.pending) {
    st.out.warnings.push(`route print: the gateway of ${st.pending.route.destination} was cut off`);
    flushPending(st);
  }
  classifyRouteTypes(st.out.routes);
  return st.out;
}

function parseLine(st: State, line: string): void {
  const t = line.trim();
  if (st.pending) {
    if (t !== "" && !SEPARATOR.test(line) && !V6_ROW.test(line)) {
      st.pending.route.gateway = gatewayOf(t, null);
      flushPending(st);
      return;
    }
    st.out.warnings.push(`route print: no gateway line after ${st.pending.route.destination}`);
    flushPending(st);
  }
  if (t === "") return;
  if (SEPARATOR.test(line)) {
    st.inIfList = false;
    return;
  }
  const ifm = IF_ROW.exec(line);
  if (ifm) {
    if (ifm[1]?.toLowerCase().startsWith("0x")) st.out.legacy = true;
    addInterface(st, ifm[1] ?? "", ifm[2] ?? "");
    st.lastIfLine = line;
    st.inIfList = true;
    return;
  }
  if (st.inIfList) {
    // An 80-column console wrapped a long description onto the next line.
    const last = st.out.interfaces[st.out.interfaces.length - 1];
    if (last) last.description += (st.lastIfLine.length >= 79 ? "" : " ") + t;
    st.lastIfLine = line;
    return;
  }
  if (parseRouteRow(st, line)) return;
  const gw = GATEWAY_LINE.exec(line);
  if (gw) {
    st.out.defaultGateway = gw[1];
    return;
  }
  if (FAMILY_MARK.test(line)) {
    st.titles = 0;
    return;
  }
  if (TITLE.test(line)) {
    st.titles++;
    return;
  }
  // Column headers and 'None'/'Aucun'/'无' carry no digits; anything else is news.
  if (/\d/.test(line)) st.out.warnings.push(`route print: unknown line: ${t}`);
}

function addInterface(st: State, id: string, rest: string): void {
  const index = parseIfIndex(id);
  if (index === null) return;
  const { mac, description } = splitMacLead(rest.replace(/^[\s.]+/, ""));
  st.out.interfaces.push({ index, ...(mac ? { mac } : {}), description });
}

function parseRouteRow(st: State, line: string): boolean {
  const a = ACTIVE_V4.exec(line);
  if (a) {
    const dest = v4Prefix(st, a[1] ?? "", a[2] ?? "");
    if (!dest) return true;
    const iface = a[4] ?? "";
    st.out.routes.push(makeRoute(dest, 4, gatewayOf(a[3] ?? "", iface), iface, Number(a[5]), false));
    return true;
  }
  const p = PERSISTENT_V4.exec(line);
  if (p) {
    const dest = v4Prefix(st, p[1] ?? "", p[2] ?? "");
    if (!dest) return true;
    st.out.persistent.push(makeRoute(dest, 4, gatewayOf(p[3] ?? "", null), null, metricOf(p[4] ?? ""), true));
    return true;
  }
  const v6 = V6_ROW.exec(line);
  if (!v6) return false;
  const dest = normalizePrefix(v6[3] ?? "", 6);
  if (!dest?.includes(":")) {
    st.out.warnings.push(`route print: bad IPv6 destination: ${line.trim()}`);
    return true;
  }
  const persistent = st.titles >= 2;
  const ifText = v6[1] === "0" ? null : (v6[1] ?? null);
  const route = makeRoute(dest, 6, null, ifText, Number(v6[2]), persistent);
  if (v6[4] === undefined) {
    st.pending = { route, persistent };
    return true;
  }
  route.gateway = gatewayOf(v6[4], null);
  (persistent ? st.out.persistent : st.out.routes).push(route);
  return true;
}

function flushPending(st: State): void {
  if (!st.pending) return;
  (st.pending.persistent ? st.out.persistent : st.out.routes).push(st.pending.route);
  st.pending = null;
}

function v4Prefix(st: State, dest: string, mask: string): string | null {
  const len = maskToLen(mask);
  const prefix = len === null ? null : normalizePrefix(`${dest}/${len}`);
  if (!prefix) st.out.warnings.push(`route print: bad destination or mask: ${dest} ${mask}`);
  return prefix;
}

/** An address, or null for 'On-link' in any language; XP shows on-link as gateway = own address. */
function gatewayOf(text: string, ifaceText: string | null): string | null {
  const t = text.trim();
  if (ifaceText !== null && t === ifaceText.trim()) return null;
  return normalizeAddr(t);
}

function metricOf(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : 0;
}

function makeRoute(
  destination: string,
  family: 4 | 6,
  gateway: string | null,
  iface: string | null,
  metric: number,
  persistent: boolean,
): Route {
  return {
    destination,
    family,
    gateway,
    interface: iface,
    metric,
    table: "main",
    type: "unicast",
    persistent,
  };
}
