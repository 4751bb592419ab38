// The argv that puts a journaled kernel route back, or takes exactly it out, and
// the read that finds it: built only from a record that passed routeProblem, so
// every word is a canonical prefix, address, number or a name of a known shape.
import type { CommandRunner } from "../exec/runner-types.js";
import type { KernelHop, KernelRoute } from "../parts/exact-route.js";
import { readJsonArray } from "./json-input.js";
import { kernelRouteOf, routeProblem } from "./kernel-route.js";

function hopWords(h: KernelHop): string[] {
  const w: string[] = [];
  if (h.gateway !== undefined) w.push("via", h.gateway);
  if (h.dev !== undefined) w.push("dev", h.dev);
  if (h.weight !== undefined) w.push("weight", String(h.weight));
  if (h.onlink) w.push("onlink");
  return w;
}

/**
 * `ip route add 10.1.0.0/16 via … dev … table main metric 7 proto static scope global src 192.0.2.1 mtu 1400`,
 * or `del` with the keys the kernel matches a delete on (so it never removes a route that differs).
 * A plain route reads as the change's own command does; `nexthop …` must come last.
 * Throws when the record is not sound: a journal value never reaches an argv unchecked.
 */
export function kernelRouteArgv(action: "add" | "del", r: KernelRoute): string[] {
  const bad = routeProblem(r);
  if (bad) throw new Error(`the journaled route is not sound: ${bad}`);
  const argv = ["ip", ...(r.family === 6 ? ["-6"] : []), "route", action, r.dst];
  if (!r.multipath) argv.push(...hopWords(r.hops[0] ?? {}));
  argv.push("table", r.table, "metric", String(r.metric), "proto", r.protocol);
  // IPv6 routes have no scope of their own (ip prints none); IPv4 ones always do.
  if (r.family === 4) argv.push("scope", r.scope);
  if (r.prefsrc !== undefined) argv.push("src", r.prefsrc);
  if (action === "add") {
    if (r.pref !== undefined) argv.push("pref", r.pref);
    for (const [k, v] of Object.entries(r.metrics ?? {})) argv.push(k, String(v));
  }
  if (r.multipath) for (const h of r.hops) argv.push("nexthop", ...hopWords(h));
  return argv;
}

/** `ip -4 -json route show table main exact 10.0.0.0/8`: every route of that prefix in that table. */
function showExactArgv(family: 4 | 6, table: string, dst: string): string[] {
  return ["ip", family === 6 ? "-6" : "-4", "-json", "route", "show", "table", table, "exact", dst];
}

interface ExactRead {
  /** Routes of the prefix, each a record or why it cannot be restored. */
  routes: (KernelRoute | string)[];
}

/** Reads the routes of one prefix in one table; throws with one line when the answer cannot be read. */
export async function readExact(
  runner: CommandRunner,
  family: 4 | 6,
  table: string,
  dst: string,
): Promise<ExactRead> {
  const out = await runner.run(showExactArgv(family, table, dst));
  const { items, error } = readJsonArray(out.stdout, "ip route show");
  if (error) throw new Error(error);
  return { routes: items.map((o) => kernelRouteOf(o, family, table)) };
}
