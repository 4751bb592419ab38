// Windows `netstat -n`, `-an`, `-ano`, `-nat` (Offload State), `-aonb` (process lines).
// Real rows (jc fixture, Windows 10 `netstat -aonb`; HTB Grandpa, Server 2003 `-nat`):
//   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712
//   RpcSs
//  [svchost.exe]
//   TCP    10.10.10.14:1037       10.10.14.16:445        SYN_SENT        InHost
//   UDP    [fe80::5cd4:9caf:61c0:ba6e%11]:1900  *:*                      2956
// Long IPv6 endpoints overflow the fixed columns, so rows are split on whitespace.
import { normalizeAddr, splitZone } from "../../core/ip.js";
import type { Connection, Endpoint, Family } from "../../core/model.js";
import { ownValue } from "../../core/own-key.js";
import type { Listener } from "../parts/assemble.js";
import { type PortOf, portFrom, portOfService } from "../services.js";

interface NetstatResult {
  connections: Connection[];
  listeners: Listener[];
  warnings: string[];
}

const ROW = /^\s*(TCP|UDP|TCPv6|UDPv6)\s+(\S+)\s+(\S+)(?:\s+(.*?))?\s*$/i;
const PROCESS_LINE = /^\s*\[(.+)\]\s*$/;

/** German Windows localizes the state column; other locales keep the English words. */
const STATE_WORDS: Record<string, string> = {
  ABHÖREN: "LISTENING",
  HERGESTELLT: "ESTABLISHED",
  WARTEND: "TIME_WAIT",
  SCHLIESSEN_WARTEN: "CLOSE_WAIT",
  SYN_GESENDET: "SYN_SENT",
  SYN_EMPFANGEN: "SYN_RECEIVED",
  FIN_WARTEN_1: "FIN_WAIT_1",
  FIN_WARTEN_2: "FIN_WAIT_2",
  LETZTES_ACK: "LAST_ACK",
  SCHLIESSEND: "CLOSING",
  GESCHLOSSEN: "CLOSED",
  GEBUNDEN: "BOUND",
};

const ENDPOINT_STATES = new Set(["LISTENING", "LISTEN", "BOUND"]);

export function parseWindowsNetstat(text: string, portOf: PortOf = portOfService): NetstatResult {
  const out: NetstatResult = { connections: [], listeners: [], warnings: [] };
  let last: { process: string | null } | null = null;
  let named = false;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n|\r/)) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "") continue;
    const m = ROW.exec(line);
    if (!m) {
      const proc = PROCESS_LINE.exec(line);
      if (proc && last) last.process = proc[1] ?? null;
      else if (!last && /\d/.test(line)) out.warnings.push(`netstat: unknown line: ${line.trim()}`);
      // Service names ('RpcSs') and 'Can not obtain ownership information' need no keeping.
      continue;
    }
    const protocol = (m[1] ?? "").toLowerCase().startsWith("udp") ? "udp" : "tcp";
    const local = endpointOf(m[2] ?? "", portOf);
    const remote = endpointOf(m[3] ?? "", portOf);
    if (!local || !remote) {
      out.warnings.push(`netstat: cannot read the addresses of: ${line.trim()}`);
      last = null;
      continue;
    }
    if (local.named || remote.named) named = true;
    const { state, pid } = tailOf(m[4] ?? "", protocol);
    const family: Family = local.family;
    const waits = protocol === "udp" ? remote.wildcard : ENDPOINT_STATES.has(state);
    if (waits) {
      const l: Listener = { protocol, family, local: local.ep, state, pid, process: null };
      out.listeners.push(l);
      last = l;
    } else {
      const c: Connection = {
        protocol,
        family,
        local: local.ep,
        remote: remote.ep,
        state: state || (protocol === "udp" ? "CONNECTED" : "UNKNOWN"),
        pid,
        process: null,
      };
      out.connections.push(c);
      last = c;
    }
  }
  if (named)
    out.warnings.push(
      "netstat: some hosts or ports are names, not numbers (known port names were mapped): run netstat -ano",
    );
  return out;
}

function tailOf(tail: string, protocol: "tcp" | "udp"): { state: string; pid: number | null } {
  const words = tail.split(/\s+/).filter((w) => w !== "");
  let state = "";
  let pid: number | null = null;
  for (const w of words) {
    if (/^\d+$/.test(w)) {
      if (pid === null) pid = Number(w);
    } else if (state === "" && protocol === "tcp") {
      const up = w.toUpperCase();
      state = ownValue(STATE_WORDS, up) ?? up;
    }
    // Later words are the Offload State column ('InHost') of Server 2003 `-t`.
  }
  return { state, pid };
}

interface ParsedEndpoint {
  ep: Endpoint;
  family: Family;
  wildcard: boolean;
  named: boolean;
}

/** "1.2.3.4:80", "[fe80::1%11]:1900", "*:*", "api:1032" (a name without -n). */
export function endpointOf(text: string, portOf: PortOf = portOfService): ParsedEndpoint | null {
  if (text === "*:*") return { ep: { address: "*", port: 0 }, family: 4, wildcard: true, named: false };
  const colon = text.lastIndexOf(":");
  if (colon <= 0) return null;
  let host = text.slice(0, colon);
  const portText = text.slice(colon + 1);
  const bracketed = host.startsWith("[") && host.endsWith("]");
  if (bracketed) host = host.slice(1, -1);
  const address = normalizeAddr(splitZone(host).address);
  // Plain `netstat` (no -n) prints "104.208.203.89:https": a name, mapped to its number.
  const parsed = portText === "*" ? { port: 0 } : portFrom(portText, portOf);
  const named = address === null || !/^\d+$|^\*$/.test(portText);
  const family: Family = bracketed || (address?.includes(":") ?? false) ? 6 : 4;
  return {
    ep: {
      address: address ?? host,
      port: parsed?.port ?? -1,
      ...(parsed?.service === undefined
        ? parsed
          ? {}
          : { service: portText }
        : { service: parsed.service }),
    },
    family,
    wildcard: host === "*" || portText === "*",
    named,
  };
}
