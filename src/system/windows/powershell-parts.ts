// Snapshot parts from the NetTCPIP cmdlets' JSON, each failing on its own. Shared by
// the live PowerShell backend and by `dualhome analyze` with saved JSON files.

import { appendAll } from "../../core/append-all.js";
import type { NetInterface, Part } from "../../core/model.js";
import type { ConnectionTables, RouteTables } from "../parts/assemble.js";
import { errorPart, failed, okPart, type Source } from "../parts/part.js";
import {
  buildPsInterfaces,
  type PsIpInterface,
  parsePsAddresses,
  parsePsInterfaces,
  parsePsRoutes,
} from "./parse-powershell.js";
import { parsePsProcesses, parsePsTcp, parsePsUdp } from "./parse-ps-sockets.js";
import { classifyRouteTypes } from "./route-types.js";

export function psInterfacesPart(
  ifs: Source<unknown>,
  addrs: Source<unknown>,
): Part<NetInterface[]> & { ipInterfaces: PsIpInterface[] } {
  if (!ifs.ok && !addrs.ok) return { ...failed<NetInterface[]>(ifs), ipInterfaces: [] };
  const warnings: string[] = [];
  const pi = ifs.ok ? parsePsInterfaces(ifs.value) : null;
  const pa = addrs.ok ? parsePsAddresses(addrs.value) : null;
  for (const [what, p, s] of [
    ["Get-NetIPInterface", pi, ifs],
    ["Get-NetIPAddress", pa, addrs],
  ] as const) {
    if (!s.ok) warnings.push(`${what}: ${s.error}`);
    if (p?.error) warnings.push(`${what}: ${p.error}`);
    if (p) appendAll(warnings, p.warnings);
  }
  const ipInterfaces = pi?.interfaces ?? [];
  const interfaces = buildPsInterfaces(ipInterfaces, pa?.addresses ?? []);
  if (interfaces.length === 0 && (pi?.error || pa?.error))
    return { ...errorPart<NetInterface[]>(pi?.error ?? pa?.error ?? "", undefined, warnings), ipInterfaces };
  return { ...okPart(interfaces, warnings), ipInterfaces };
}

export function psRoutesPart(
  routes: Source<unknown>,
  ipInterfaces: readonly PsIpInterface[],
  interfaces: readonly NetInterface[],
): Part<RouteTables> {
  if (!routes.ok) return failed(routes);
  const p = parsePsRoutes(routes.value, ipInterfaces);
  if (p.error) return errorPart(`Get-NetRoute: ${p.error}`, undefined, p.warnings);
  classifyRouteTypes(
    p.routes,
    interfaces.flatMap((i) => i.addresses.map((a) => a.address)),
  );
  return okPart({ routes: p.routes, persistent: p.persistent }, p.warnings);
}

export function psConnectionsPart(
  tcp: Source<unknown>,
  udp?: Source<unknown>,
  processes?: Source<unknown>,
): Part<ConnectionTables> {
  if (!tcp.ok) return failed(tcp);
  const t = parsePsTcp(tcp.value);
  if (t.error) return errorPart(`Get-NetTCPConnection: ${t.error}`, undefined, t.warnings);
  const warnings = [...t.warnings];
  const listeners = [...t.listeners];
  if (udp?.ok) {
    const u = parsePsUdp(udp.value);
    appendAll(listeners, u.listeners);
    appendAll(warnings, u.warnings);
    if (u.error) warnings.push(`Get-NetUDPEndpoint: ${u.error}`);
  } else if (udp) {
    warnings.push(`Get-NetUDPEndpoint: ${udp.error}`);
  }
  if (processes?.ok) {
    const names = parsePsProcesses(processes.value);
    for (const c of [...t.connections, ...listeners])
      if (c.pid !== null && c.process === null) c.process = names.get(c.pid) ?? null;
  }
  return okPart({ connections: t.connections, listeners }, warnings);
}
