// Turns separately parsed outputs (Windows tools, or macOS netstat) into one Snapshot whose parts fail
// separately: the routes may be fresh while netstat failed, and the screen says so.
import type {
  Connection,
  Endpoint,
  Family,
  NetInterface,
  OsKind,
  Part,
  PlatformId,
  Route,
  Snapshot,
} from "../../core/model.js";
import { refinePrefixLens } from "./on-link.js";
import { okPart } from "./part.js";
import { resolveRouteInterfaces } from "./resolve-route-interfaces.js";

export interface RouteTables {
  routes: Route[];
  persistent: Route[];
  /** Read from an XP/2003 `route print`: a weak-host Windows. */
  legacy?: boolean;
}

/** A socket that waits (LISTENING, BOUND, UDP `*:*`): an endpoint, not a connection. */
export interface Listener {
  protocol: "tcp" | "udp";
  family: Family;
  local: Endpoint;
  state: string;
  pid: number | null;
  process: string | null;
}

export interface ConnectionTables {
  connections: Connection[];
  listeners: readonly Listener[];
}

export interface SnapshotMeta {
  platform: PlatformId;
  os: OsKind;
  host: string;
  collector: string;
  takenAt: number;
  privileged?: boolean;
  notes?: string[];
}

function sameRoute(a: Route, b: Route): boolean {
  return (
    a.destination === b.destination &&
    a.gateway === b.gateway &&
    (b.interface === null || a.interface === b.interface)
  );
}

/**
 * Marks active routes that are also stored as persistent; stored routes that are not
 * active (their gateway or card is gone) come back in `inactive`, never in the table
 * the engine looks routes up in.
 */
function mergePersistent(
  routes: readonly Route[],
  persistent: readonly Route[],
): { routes: Route[]; inactive: Route[] } {
  const out = routes.map((r) => ({ ...r }));
  const inactive: Route[] = [];
  for (const p of persistent) {
    const hits = out.filter((r) => sameRoute(r, p));
    for (const h of hits) h.persistent = true;
    if (hits.length === 0) inactive.push(p);
  }
  return { routes: out, inactive };
}

export function assembleSnapshot(
  meta: SnapshotMeta,
  interfaces: Part<NetInterface[]>,
  tables: Part<RouteTables>,
  conns: Part<ConnectionTables>,
): Snapshot {
  let routes: Part<Route[]>;
  if (tables.ok) {
    const known = interfaces.ok ? interfaces.value : [];
    const resolved = resolveRouteInterfaces(tables.value.routes, known);
    const persistent = resolveRouteInterfaces(tables.value.persistent, known);
    const merged = mergePersistent(resolved, persistent);
    const warnings = [...tables.warnings];
    for (const r of merged.inactive)
      warnings.push(
        `persistent route ${r.destination} via ${r.gateway ?? "on-link"} is stored but not active (its gateway or card is missing)`,
      );
    const unresolved = new Set(
      merged.routes
        .filter((r) => r.interface !== null && !known.some((i) => i.name === r.interface))
        .map((r) => r.interface),
    );
    if (interfaces.ok && unresolved.size > 0)
      warnings.push(`routes name cards this host did not list: ${[...unresolved].join(", ")}`);
    if (interfaces.ok) refinePrefixLens(interfaces.value, merged.routes);
    routes = okPart(merged.routes, warnings);
  } else {
    routes = tables;
  }
  const notes = [...(meta.notes ?? [])];
  let connections: Part<Connection[]>;
  if (conns.ok) {
    const n = conns.value.listeners.length;
    if (n > 0)
      notes.push(`${n} listening endpoints (LISTENING, UDP *:*) are not connections and are not listed`);
    connections = okPart(conns.value.connections, conns.warnings);
  } else {
    connections = conns;
  }
  return {
    platform: meta.platform,
    os: meta.os,
    host: meta.host,
    collector: meta.collector,
    takenAt: meta.takenAt,
    interfaces,
    routes,
    rules: okPart([]),
    ...(tables.ok && tables.value.legacy ? { hostModel: "weak" as const } : {}),
    connections,
    sysctls: okPart({}),
    ...(meta.privileged === undefined ? {} : { privileged: meta.privileged }),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
