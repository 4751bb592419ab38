// Reading PowerShell objects whatever their origin: ConvertTo-Json gives numbers for
// enums (AddressFamily 2/23, State 5) on 5.1 and names with -EnumsAsStrings; the
// formatted list and table views give everything as text ("IPv4", "ActiveStore").
import type { Family } from "../../core/model.js";
import { ownValue } from "../../core/own-key.js";

export type PsObject = Record<string, unknown>;

/** The first present property among `keys`, compared case-insensitively. */
export function field(o: PsObject, ...keys: string[]): unknown {
  for (const k of keys) {
    if (k in o) return o[k];
    const hit = Object.keys(o).find((x) => x.toLowerCase() === k.toLowerCase());
    if (hit !== undefined) return o[hit];
  }
  return undefined;
}

export function str(o: PsObject, ...keys: string[]): string | null {
  const v = field(o, ...keys);
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  if (typeof v === "number") return String(v);
  return null;
}

export function num(o: PsObject, ...keys: string[]): number | null {
  const v = field(o, ...keys);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*\d+\s*$/.test(v)) return Number(v);
  return null;
}

export function bool(o: PsObject, ...keys: string[]): boolean | null {
  const v = field(o, ...keys);
  if (typeof v === "boolean") return v;
  if (typeof v === "string")
    return /^true$/i.test(v.trim()) ? true : /^false$/i.test(v.trim()) ? false : null;
  return null;
}

/** AddressFamily: 2 = IPv4, 23 = IPv6 (MSFT_NetRoute, MSFT_NetIPAddress, MSFT_NetIPInterface). */
export function familyOf(o: PsObject): Family | null {
  const v = field(o, "AddressFamily");
  if (v === 2 || v === "2" || (typeof v === "string" && /^ipv4$/i.test(v))) return 4;
  if (v === 23 || v === "23" || (typeof v === "string" && /^ipv6$/i.test(v))) return 6;
  return null;
}

/** Store / PolicyStore: 0 = PersistentStore, 1 = ActiveStore. Absent means active. */
export function isPersistentStore(o: PsObject): boolean {
  const policy = field(o, "PolicyStore");
  if (typeof policy === "string" && policy.trim() !== "") return /^persist/i.test(policy.trim());
  const store = field(o, "Store");
  return store === 0 || store === "0" || (typeof store === "string" && /^persist/i.test(store));
}

/** MSFT_NetTCPConnection.State as netstat words. */
const TCP_STATES: Record<string, string> = {
  "1": "CLOSED",
  "2": "LISTENING",
  "3": "SYN_SENT",
  "4": "SYN_RECEIVED",
  "5": "ESTABLISHED",
  "6": "FIN_WAIT_1",
  "7": "FIN_WAIT_2",
  "8": "CLOSE_WAIT",
  "9": "CLOSING",
  "10": "LAST_ACK",
  "11": "TIME_WAIT",
  "12": "DELETE_TCB",
  "100": "BOUND",
  closed: "CLOSED",
  listen: "LISTENING",
  synsent: "SYN_SENT",
  synreceived: "SYN_RECEIVED",
  established: "ESTABLISHED",
  finwait1: "FIN_WAIT_1",
  finwait2: "FIN_WAIT_2",
  closewait: "CLOSE_WAIT",
  closing: "CLOSING",
  lastack: "LAST_ACK",
  timewait: "TIME_WAIT",
  deletetcb: "DELETE_TCB",
  bound: "BOUND",
};

export function tcpStateOf(o: PsObject): string {
  const v = field(o, "State");
  if (v === undefined || v === null || v === "") return "UNKNOWN";
  return ownValue(TCP_STATES, String(v).trim().toLowerCase()) ?? String(v).trim().toUpperCase();
}

/** MSFT_NetIPInterface.ConnectionState: 0 = Disconnected, 1 = Connected. */
export function connectedOf(o: PsObject): boolean | null {
  const v = field(o, "ConnectionState");
  if (v === 1 || v === "1" || (typeof v === "string" && /^connected$/i.test(v))) return true;
  if (v === 0 || v === "0" || (typeof v === "string" && /^disconnected$/i.test(v))) return false;
  return null;
}
