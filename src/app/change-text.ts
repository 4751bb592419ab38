// Changes as people read them: the exact command (quoted only where a shell
// would need it, for copying), and the dualhome command line that makes it.
import type { RouteChange } from "../core/model.js";

const PLAIN = /^[A-Za-z0-9_./:%,=+@-]+$/;

/** One argv as a command line to read or paste; nothing is ever run from this text. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((a) => (PLAIN.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(" ");
}

function quoteArg(a: string): string {
  return PLAIN.test(a) ? a : `"${a.replaceAll('"', '\\"')}"`;
}

/** `route add 10.0.0.0/8 --via 192.168.1.254 --dev eth1 --persist`: the dualhome arguments for a change. */
export function cliArgs(change: RouteChange, extra: readonly string[] = []): string {
  const parts = ["route", change.action === "add" ? "add" : "del", change.destination];
  if (change.gateway) parts.push("--via", change.gateway);
  if (change.interface) parts.push("--dev", quoteArg(change.interface));
  if (change.metric !== undefined) parts.push("--metric", String(change.metric));
  if (change.table) parts.push("--table", quoteArg(change.table));
  if (change.persistent) parts.push("--persist");
  return [...parts, ...extra].join(" ");
}
