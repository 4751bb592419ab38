// The saved-configuration half of a revert (NetworkManager), rebuilt like the
// route: `nmcli connection modify <connection> ±ipv4.routes "<prefix> [<hop>] [<metric>] [table=<t>]"`,
// where the value must be the one the validated change makes and the sign the inverse
// of the journaled persist command. Anything else is refused, never run.
import type { RouteChange } from "../../core/model.js";
import type { IntentRecord } from "./journal.js";

/** The value persistence.ts writes for a change (its own words, from the validated change). */
function routeValue(c: RouteChange): string {
  const v6 = c.destination.includes(":");
  const hop = c.gateway ?? (c.metric !== undefined ? (v6 ? "::" : "0.0.0.0") : null);
  return [
    c.destination,
    ...(hop ? [hop] : []),
    ...(c.metric !== undefined ? [String(c.metric)] : []),
    ...(c.table ? [`table=${c.table}`] : []),
  ].join(" ");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONNECTION = /^[^-\x00-\x1f\x7f][^\x00-\x1f\x7f]{0,254}$/;

/** The persist revert to run (null: none), or why the journaled one is refused. */
export function persistRevertOf(i: IntentRecord, c: RouteChange): string[] | null | string {
  const fwd = i.persistArgv ?? null;
  const back = i.persistRevertArgv ?? null;
  if (fwd === null && back === null) return null;
  if (fwd === null || back === null) return "the journaled saved-configuration commands are incomplete";
  const key = c.destination.includes(":") ? "ipv6.routes" : "ipv4.routes";
  const sign = c.action === "add" ? "+" : "-";
  const con = fwd[3] ?? "";
  if (!CONNECTION.test(con)) return "the journaled NetworkManager connection name is not valid";
  const make = (s: string) => ["nmcli", "connection", "modify", con, `${s}${key}`, routeValue(c)];
  const want = make(sign === "+" ? "-" : "+");
  const ok = (a: string[], b: string[]) => a.length === b.length && a.every((w, n) => w === b[n]);
  if (!ok(fwd, make(sign)) || !ok(back, want))
    return "the journaled saved-configuration revert is not the inverse of the change";
  return want;
}
