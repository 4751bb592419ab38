// Snapshot parts from the classic tools' text (route print, ipconfig /all, netstat -ano,
// tasklist), each failing on its own. Shared by the live classic backend and by
// `dualhome analyze`, where a missing file is just a failed source.

import { appendAll } from "../../core/append-all.js";
import type { NetInterface, Part } from "../../core/model.js";
import type { ConnectionTables, RouteTables } from "../parts/assemble.js";
import { errorPart, failed, okPart, type Source } from "../parts/part.js";
import { type PortOf, portOfService } from "../services.js";
import { interfacesFromRoutePrint, joinInterfaces } from "./join-interfaces.js";
import { parseIpconfig } from "./parse-ipconfig.js";
import { parseWindowsNetstat } from "./parse-netstat.js";
import { parseRoutePrint } from "./parse-route-print.js";
import { parseTasklist } from "./parse-tasklist.js";

export function classicInterfacesPart(
  ipconfig: Source,
  routePrint: Source,
): Part<NetInterface[]> & { host?: string } {
  const rp = routePrint.ok ? parseRoutePrint(routePrint.value) : null;
  if (ipconfig.ok) {
    const ic = parseIpconfig(ipconfig.value);
    const warnings = [...ic.warnings];
    let interfaces = ic.interfaces;
    if (rp) {
      const joined = joinInterfaces(ic.interfaces, rp.interfaces, rp.routes);
      interfaces = joined.interfaces;
      appendAll(warnings, joined.warnings);
    } else {
      warnings.push(
        `card indexes come from route print, which failed: ${routePrint.ok ? "" : routePrint.error}`,
      );
    }
    return { ...okPart(interfaces, warnings), ...(ic.host ? { host: ic.host } : {}) };
  }
  if (rp) {
    const derived = interfacesFromRoutePrint(rp);
    return okPart(derived.interfaces, [`ipconfig: ${ipconfig.error}`, ...derived.warnings]);
  }
  return failed(ipconfig);
}

export function routePrintPart(routePrint: Source): Part<RouteTables> {
  if (!routePrint.ok) return failed(routePrint);
  const rp = parseRoutePrint(routePrint.value);
  if (rp.routes.length === 0 && rp.persistent.length === 0 && rp.interfaces.length === 0)
    return errorPart(
      "route print gave no table: is this the output of `route print`?",
      undefined,
      rp.warnings,
    );
  return okPart(
    { routes: rp.routes, persistent: rp.persistent, ...(rp.legacy ? { legacy: true } : {}) },
    rp.warnings,
  );
}

/** `portOf`: the built-in port names for saved files; the live backend passes this machine's. */
export function netstatPart(
  netstat: Source,
  tasklist?: Source,
  portOf: PortOf = portOfService,
): Part<ConnectionTables> {
  if (!netstat.ok) return failed(netstat);
  const ns = parseWindowsNetstat(netstat.value, portOf);
  const warnings = [...ns.warnings];
  if (tasklist?.ok) {
    const names = parseTasklist(tasklist.value);
    for (const c of [...ns.connections, ...ns.listeners])
      if (c.pid !== null && c.process === null) c.process = names.get(c.pid) ?? null;
  } else if (tasklist) {
    warnings.push(`process names unavailable: ${tasklist.error}`);
  }
  return okPart({ connections: ns.connections, listeners: ns.listeners }, warnings);
}
