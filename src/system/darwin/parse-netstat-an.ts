// macOS/BSD `netstat -an`, `-anv`, `-anv -p tcp` (macOS 26: 'process:pid'), `-An`.
// Real rows (find-process example, `netstat -anv`; macOS 26 `-anv -p tcp`):
//   tcp4       0      0  10.16.43.243.55669     10.20.13.51.8000       ESTABLISHED 131346 131768    422      0
//   tcp4       0      0  *.24800                *.*                    LISTEN  …  synergy-core:62071  00100 …
// The port is after the LAST dot ('192.168.1.2.50123', '::1.631'); '*.*' is any.
import { normalizeAddr } from "../../core/ip.js";
import type { Connection, Endpoint, Family } from "../../core/model.js";
import type { Listener } from "../parts/assemble.js";
import { portFrom, portOfService } from "../services.js";

interface NetstatAnResult {
  connections: Connection[];
  listeners: Listener[];
  /** Rows kept as text: names without -n, or addresses cut by the column width. */
  unparsed: string[];
  warnings: string[];
}

const PROTO = /^(tcp|udp)(4|6|46)?$/i;

export function parseNetstatAn(text: string): NetstatAnResult {
  const out: NetstatAnResult = { connections: [], listeners: [], unparsed: [], warnings: [] };
  let internet = true;
  let extras: string[] = [];
  let widths: Widths | null = null;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n|\r/)) {
    const line = raw.replace(/\s+$/, "");
    const t = line.trim();
    if (t === "") continue;
    if (/^Active /i.test(t) || /^Registered kernel/i.test(t)) {
      internet = /^Active Internet/i.test(t);
      continue;
    }
    if (!internet) continue;
    if (/\bLocal Address\b/.test(t)) {
      const after = t.split("(state)")[1];
      extras = after ? after.trim().split(/\s+/) : [];
      widths = widthsOf(line);
      continue;
    }
    const words = t.split(/\s+/);
    const p = words.slice(0, 3).findIndex((w) => PROTO.test(w));
    if (p < 0) {
      // ICMP and raw sockets are not flows between hosts.
      const other = words.slice(0, 3).some((w) => /^(icm|icmp|raw|rip|div|sctp)\d*$/i.test(w));
      if (!other && /\d/.test(t)) out.warnings.push(`netstat -an: unknown line: ${t}`);
      continue;
    }
    parseRow(out, words.slice(p), extras, t, widths);
  }
  return out;
}

interface Widths {
  local: number;
  foreign: number;
}

function widthsOf(header: string): Widths | null {
  const l = header.indexOf("Local Address");
  const f = header.indexOf("Foreign Address");
  const s = header.indexOf("(state)");
  return l < 0 || f < 0 || s < 0 ? null : { local: f - l, foreign: s - f };
}

function parseRow(
  out: NetstatAnResult,
  w: string[],
  extras: string[],
  line: string,
  widths: Widths | null,
): void {
  const proto = (w[0] ?? "").toLowerCase();
  const protocol = proto.startsWith("udp") ? "udp" : "tcp";
  const suffix = proto.replace(/^(tcp|udp)/, "");
  const localText = w[3] ?? "";
  const remoteText = w[4] ?? "";
  let rest = w.slice(5);
  let state = "";
  if (rest[0] && /^[A-Z_]+[A-Z0-9_]*$/.test(rest[0]) && !/^\d/.test(rest[0])) {
    state = rest[0];
    rest = rest.slice(1);
  }
  const familyHint: Family | null = suffix === "4" ? 4 : suffix === "6" || suffix === "46" ? 6 : null;
  const local = endpointOf(localText, familyHint);
  const remote = endpointOf(remoteText, familyHint);
  // Without -W an address that fills its column exactly was cut (and its port with it).
  const cut =
    widths !== null && (localText.length === widths.local - 1 || remoteText.length === widths.foreign - 1);
  if (!local || !remote || cut) {
    out.unparsed.push(line);
    out.warnings.push(`netstat -an: cannot read (a name, or cut short; run netstat -anW): ${line}`);
    return;
  }
  const family: Family = familyHint ?? (local.ep.address.includes(":") ? 6 : 4);
  const pid = pidOf(rest, extras);
  const process = processOf(rest, extras);
  if ((protocol === "tcp" && state === "LISTEN") || (protocol === "udp" && remote.any)) {
    out.listeners.push({ protocol, family, local: local.ep, state, pid, process });
    return;
  }
  out.connections.push({
    protocol,
    family,
    local: local.ep,
    remote: remote.ep,
    state: state || (protocol === "udp" ? "CONNECTED" : "UNKNOWN"),
    pid,
    process,
  });
}

function pidOf(rest: string[], extras: string[]): number | null {
  const i = extras.findIndex((x) => x === "pid" || x === "process:pid");
  const cell = i < 0 ? undefined : rest[i];
  const m = cell === undefined ? null : /(?:^|:)(\d+)$/.exec(cell);
  return m ? Number(m[1]) : null;
}

function processOf(rest: string[], extras: string[]): string | null {
  const i = extras.indexOf("process:pid");
  const cell = i < 0 ? undefined : rest[i];
  const m = cell === undefined ? null : /^(.+):\d+$/.exec(cell);
  return m ? (m[1] ?? null) : null;
}

/** '192.168.1.2.50123', '::1.631', 'fe80::1%lo0.smtp', '*.22', '*.*'. */
export function endpointOf(text: string, family: Family | null): { ep: Endpoint; any: boolean } | null {
  const dot = text.lastIndexOf(".");
  if (dot <= 0) return null;
  const host = text.slice(0, dot).replace(/%.*$/, "");
  const portText = text.slice(dot + 1);
  const parsed = portText === "*" ? { port: 0 } : portFrom(portText, portOfService);
  if (parsed === null) return null;
  const { port } = parsed;
  const service = parsed.service === undefined ? {} : { service: parsed.service };
  if (host === "*") {
    const address = family === 6 ? "::" : "0.0.0.0";
    return { ep: { address, port, ...service }, any: portText === "*" };
  }
  const address = host === "localhost" ? (family === 6 ? "::1" : "127.0.0.1") : normalizeAddr(host);
  if (address === null) return null;
  return { ep: { address, port, ...service }, any: false };
}
