// A snapshot's parts fail separately: a failed part is replaced by its last
// good value (so the analysis still has routes when only `netstat` failed), and
// the error is reported per part for the header to show as stale.
import { connectionKey } from "../../core/analyze.js";
import type { Part, Snapshot } from "../../core/model.js";
import { PART_NAMES, type PartName } from "./state.js";

function describe(part: Part<unknown>): string {
  if (part.ok) return "";
  return part.hint ? `${part.error} (${part.hint})` : part.error;
}

function keep<T>(next: Part<T>, prev: Part<T> | undefined): Part<T> {
  return !next.ok && prev?.ok ? { ok: true, value: prev.value, warnings: next.warnings } : next;
}

export function mergeParts(
  prev: Snapshot | null,
  next: Snapshot,
  opts: { platformKeepsNames?: boolean } = {},
): { snapshot: Snapshot; partErrors: Partial<Record<PartName, string>> } {
  const partErrors: Partial<Record<PartName, string>> = {};
  for (const name of PART_NAMES) {
    const part = next[name];
    if (!part.ok) partErrors[name] = describe(part);
  }
  const merged: Snapshot = {
    ...next,
    interfaces: keep(next.interfaces, prev?.interfaces),
    routes: keep(next.routes, prev?.routes),
    rules: keep(next.rules, prev?.rules),
    connections: keep(next.connections, prev?.connections),
    sysctls: keep(next.sysctls, prev?.sysctls),
  };
  // A platform that carries names itself returns unchanged rows as the same objects: keep that identity.
  return { snapshot: opts.platformKeepsNames ? merged : keepProcessNames(prev, merged), partErrors };
}

/** Process names are asked for rarely (they are slow); between those polls keep the ones we had. */
function keepProcessNames(prev: Snapshot | null, next: Snapshot): Snapshot {
  if (!prev?.connections.ok || !next.connections.ok) return next;
  const conns = next.connections.value;
  if (!conns.some((c) => c.process === null)) return next;
  const names = new Map<string, { pid: number | null; process: string }>();
  for (const c of prev.connections.value)
    if (c.process !== null) names.set(connectionKey(c), { pid: c.pid, process: c.process });
  if (names.size === 0) return next;
  const value = conns.map((c) => {
    if (c.process !== null) return c;
    const known = names.get(connectionKey(c));
    return known ? { ...c, pid: c.pid ?? known.pid, process: known.process } : c;
  });
  return { ...next, connections: { ...next.connections, value } };
}
