// `ss -tuan[p]` (and saved `ss -tan`, `ss -a`, `ss -t`, …) → Connection[]. Real rows:
//   Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
//   tcp   ESTAB  0      0          10.0.0.169:22        10.0.3.209:57343 users:(("sshd",pid=1256518,fd=4))
//   SYN-SENT  0      1          10.0.0.169:45198 151.101.193.91:443   users:(("gnome-software",pid=1259638,fd=22))
//   FIN-WAIT-20      0                      127.0.0.1:http                127.0.0.1:41772   (state glued to Recv-Q)
// LISTEN and UNCONN rows are sockets, not connections, and are left out.
import { formatAddr, parseAddr, unmapV4 } from "../../core/ip.js";
import type { Connection, Endpoint, Family } from "../../core/model.js";
import { ownValue } from "../../core/own-key.js";
import { type PortOf, portFrom, portOfService } from "../services.js";
import { intern } from "./words.js";

export interface ParsedConnections {
  connections: Connection[];
  warnings: string[];
}

export interface SsOptions {
  /** The protocol of rows without a Netid column (`ss -tan` prints none). */
  protocol?: "tcp" | "udp";
}

const NETIDS = new Set([
  "tcp",
  "udp",
  "raw",
  "sctp",
  "mptcp",
  "dccp",
  "icmp",
  "icmp6",
  "u_str",
  "u_dgr",
  "u_seq",
  "nl",
  "p_raw",
  "p_dgr",
  "v_str",
  "v_dgr",
  "tipc",
  "xdp",
]);

const STATE_RE =
  /^(ESTAB|SYN-SENT|SYN-RECV|FIN-WAIT-1|FIN-WAIT-2|TIME-WAIT|UNCONN|CLOSE-WAIT|LAST-ACK|LISTEN|CLOSING|UNKNOWN)(\d*)$/;

/** ss words → the words netstat prints. */
const STATE_WORDS: Record<string, string> = {
  ESTAB: "ESTABLISHED",
  "SYN-SENT": "SYN_SENT",
  "SYN-RECV": "SYN_RECV",
  "FIN-WAIT-1": "FIN_WAIT1",
  "FIN-WAIT-2": "FIN_WAIT2",
  "TIME-WAIT": "TIME_WAIT",
  "CLOSE-WAIT": "CLOSE_WAIT",
  "LAST-ACK": "LAST_ACK",
  CLOSING: "CLOSING",
  UNKNOWN: "UNKNOWN",
};

interface ParsedEndpoint extends Endpoint {
  family: Family;
  zone: string | null;
}

/** "10.0.0.1:22", "[::1]:8009", "[fe80::1]%eth0:22", "127.0.0.53%lo:53", "::ffff:1.2.3.4:5678". */
export function parseSsEndpoint(text: string, portOf: PortOf = portOfService): ParsedEndpoint | null {
  const colon = text.lastIndexOf(":");
  if (colon <= 0) return null;
  const parsed = portFrom(text.slice(colon + 1), portOf);
  if (!parsed) return null;
  const { port } = parsed;
  let host = text.slice(0, colon);
  let zone: string | null = null;
  const pct = host.lastIndexOf("%");
  if (pct > 0) {
    zone = host.slice(pct + 1);
    host = host.slice(0, pct);
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  const addr = parseAddr(host);
  if (!addr) return null;
  // ::ffff:a.b.c.d is an IPv4 flow on a dual-stack socket: it is routed as IPv4.
  const a = unmapV4(addr);
  return {
    address: formatAddr(a),
    port,
    ...(parsed.service === undefined ? {} : { service: parsed.service }),
    family: a.family,
    zone,
  };
}

function processOf(rest: string): { pid: number | null; process: string | null } {
  const m = /users:\(\("((?:[^"\\]|\\.)*)",pid=(\d+)/.exec(rest);
  return m ? { process: m[1] as string, pid: Number(m[2]) } : { pid: null, process: null };
}

const named = (e: ParsedEndpoint) => (e.service === undefined ? {} : { service: e.service });

function parseRow(tokens: string[], opts: SsOptions, line: string): Connection | string | null {
  let i = 0;
  let protocol: string = opts.protocol ?? "tcp";
  if (NETIDS.has(tokens[0] as string)) {
    protocol = tokens[0] as string;
    i = 1;
  }
  const m = STATE_RE.exec(tokens[i] ?? "");
  if (!m) return `ss: not understood: ${line.trim()}`;
  if (protocol !== "tcp" && protocol !== "udp") return null;
  const state = m[1] as string;
  if (state === "LISTEN" || state === "UNCONN") return null;
  // Recv-Q and Send-Q; a wide state swallows the space before Recv-Q.
  i += m[2] === "" ? 3 : 2;
  const local = parseSsEndpoint(tokens[i] ?? "");
  const remote = parseSsEndpoint(tokens[i + 1] ?? "");
  if (!local || !remote) return `ss: unreadable address in: ${line.trim()}`;
  const rest = tokens.slice(i + 2).join(" ");
  const c: Connection = {
    protocol,
    family: local.family,
    // A host has few local addresses and many flows: one shared string each.
    local: { address: intern(local.address), port: local.port, ...named(local) },
    remote: { address: remote.address, port: remote.port, ...named(remote) },
    state: protocol === "udp" && state === "ESTAB" ? "CONNECTED" : (ownValue(STATE_WORDS, state) ?? state),
    ...processOf(rest),
  };
  if (local.zone) c.boundInterface = local.zone;
  const fw = /fwmark:(0x[0-9a-f]+|\d+)/i.exec(rest);
  if (fw) c.mark = Number(fw[1]);
  return c;
}

/** One row: a connection, null for rows that are not one (headers, listeners), or a warning. */
export function parseSsLine(line: string, opts: SsOptions = {}): Connection | string | null {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  const head = tokens[0];
  // Headers, and the "`- ESTAB" sub-rows ss prints under SCTP associations.
  if (head === undefined || head === "Netid" || head === "State" || head.startsWith("`-")) return null;
  return parseRow(tokens, opts, line);
}

export function parseSs(text: string, opts: SsOptions = {}): ParsedConnections {
  const connections: Connection[] = [];
  const warnings: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const r = parseSsLine(line, opts);
    if (typeof r === "string") warnings.push(r);
    else if (r) connections.push(r);
  }
  return { connections, warnings };
}
