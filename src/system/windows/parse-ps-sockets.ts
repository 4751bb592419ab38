// `Get-NetTCPConnection`, `Get-NetUDPEndpoint` and `Get-Process` objects (JSON or the
// formatted table). Real rows (TryHackMe write-up, Server 2016, default table view):
//   LocalAddress                        LocalPort RemoteAddress                       RemotePort State       AppliedSetting OwningProcess
//   0.0.0.0                             3389      0.0.0.0                             0          Listen                     996
// Listen and Bound sockets are endpoints, kept apart from connections.
import { normalizeAddr, splitZone } from "../../core/ip.js";
import type { Connection, Family } from "../../core/model.js";
import type { Listener } from "../parts/assemble.js";
import { num, type PsObject, str, tcpStateOf } from "./ps-fields.js";
import { type PsParsed, psItems } from "./ps-input.js";

export function parsePsTcp(input: unknown): PsParsed & { connections: Connection[]; listeners: Listener[] } {
  const { items, warnings, error } = psItems(input);
  const connections: Connection[] = [];
  const listeners: Listener[] = [];
  for (const o of items) {
    const local = endpoint(o, "LocalAddress", "LocalPort");
    const remote = endpoint(o, "RemoteAddress", "RemotePort");
    if (!local) {
      warnings.push(`Get-NetTCPConnection: unreadable LocalAddress ${str(o, "LocalAddress") ?? "(none)"}`);
      continue;
    }
    const state = tcpStateOf(o);
    const pid = num(o, "OwningProcess");
    const family: Family = local.address.includes(":") ? 6 : 4;
    if (state === "LISTENING" || state === "BOUND" || !remote)
      listeners.push({ protocol: "tcp", family, local, state, pid, process: null });
    else connections.push({ protocol: "tcp", family, local, remote, state, pid, process: null });
  }
  return { connections, listeners, warnings, ...(error ? { error } : {}) };
}

export function parsePsUdp(input: unknown): PsParsed & { listeners: Listener[] } {
  const { items, warnings, error } = psItems(input);
  const listeners: Listener[] = [];
  for (const o of items) {
    const local = endpoint(o, "LocalAddress", "LocalPort");
    if (!local) continue;
    const family: Family = local.address.includes(":") ? 6 : 4;
    listeners.push({
      protocol: "udp",
      family,
      local,
      state: "",
      pid: num(o, "OwningProcess"),
      process: null,
    });
  }
  return { listeners, warnings, ...(error ? { error } : {}) };
}

/** `Get-Process | Select-Object Id, ProcessName`. */
export function parsePsProcesses(input: unknown): Map<number, string> {
  const names = new Map<number, string>();
  for (const o of psItems(input).items) {
    const id = num(o, "Id");
    const name = str(o, "ProcessName", "Name");
    if (id !== null && name !== null) names.set(id, name);
  }
  return names;
}

function endpoint(o: PsObject, addrKey: string, portKey: string): { address: string; port: number } | null {
  const text = str(o, addrKey);
  const address = text === null ? null : normalizeAddr(splitZone(text).address);
  if (address === null) return null;
  return { address, port: num(o, portKey) ?? 0 };
}
