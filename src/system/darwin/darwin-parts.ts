// Snapshot parts from macOS netstat/ifconfig text, each failing on its own. Shared by
// the live darwin backend and by `dualhome analyze --platform darwin`.

import { appendAll } from "../../core/append-all.js";
import type { NetInterface, Part } from "../../core/model.js";
import type { ConnectionTables, Listener, RouteTables } from "../parts/assemble.js";
import { errorPart, failed, okPart, type Source } from "../parts/part.js";
import { cardsFromRoutes, linkIndexes } from "./cards-from-routes.js";
import { parseIfconfig } from "./parse-ifconfig.js";
import { parseNetstatAn } from "./parse-netstat-an.js";
import { type NetstatRnResult, parseNetstatRn } from "./parse-netstat-rn.js";

export function darwinInterfacesPart(ifconfig: Source | undefined, netstatRn: Source): Part<NetInterface[]> {
  const rn = netstatRn.ok ? parseNetstatRn(netstatRn.value) : null;
  if (ifconfig?.ok) {
    const ic = parseIfconfig(ifconfig.value);
    if (rn) {
      const idx = linkIndexes(rn.rows);
      for (const i of ic.interfaces) if (i.index === 0) i.index = idx.get(i.name) ?? 0;
    }
    return okPart(ic.interfaces, ic.warnings);
  }
  if (rn) {
    const why = ifconfig ? [`ifconfig: ${ifconfig.error}; cards read from the routing table`] : [];
    return okPart(cardsFromRoutes(rn), why);
  }
  if (ifconfig && !ifconfig.ok) return failed(ifconfig);
  return netstatRn.ok ? errorPart("no card data") : failed(netstatRn);
}

function routeWarnings(rn: NetstatRnResult): string[] {
  return rn.unparsed.length > 0
    ? [`${rn.unparsed.length} table rows could not be read and are left out`, ...rn.warnings]
    : rn.warnings;
}

export function darwinRoutesPart(netstatRn: Source): Part<RouteTables> {
  if (!netstatRn.ok) return failed(netstatRn);
  const rn = parseNetstatRn(netstatRn.value);
  if (rn.routes.length === 0 && rn.unparsed.length === 0)
    return errorPart(
      "netstat -rn gave no table: is this the output of `netstat -rn`?",
      undefined,
      rn.warnings,
    );
  return okPart({ routes: rn.routes, persistent: [] }, routeWarnings(rn));
}

/** One or more `netstat -an` outputs (e.g. -p tcp and -p udp) as one part. */
export function darwinConnectionsPart(sources: readonly Source[]): Part<ConnectionTables> {
  const good = sources.filter((s): s is { ok: true; value: string } => s.ok);
  const bad = sources.find((s) => !s.ok);
  if (good.length === 0) return bad && !bad.ok ? failed(bad) : errorPart("no netstat output");
  const connections: ConnectionTables["connections"] = [];
  const listeners: Listener[] = [];
  const warnings: string[] = bad && !bad.ok ? [bad.error] : [];
  for (const s of good) {
    const an = parseNetstatAn(s.value);
    appendAll(connections, an.connections);
    appendAll(listeners, an.listeners);
    if (an.unparsed.length > 0)
      warnings.push(`${an.unparsed.length} sockets could not be read and are left out`);
    appendAll(warnings, an.warnings);
  }
  return okPart({ connections, listeners }, warnings);
}
