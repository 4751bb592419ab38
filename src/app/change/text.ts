// Changes as people read them: the exact command (quoted for the shell it is pasted
// into, see core/shell-quote.ts), and the dualhome command line that makes it.
import type { ChangedWays } from "../../core/impact-ways.js";
import type { RouteChange } from "../../core/model.js";
import { commandLine, type Shell, shellFor } from "../../core/shell-quote.js";

/** One argv as a command line to read or paste; nothing is ever run from this text. */
export function formatArgv(argv: readonly string[]): string {
  return commandLine(argv, shellFor(argv));
}

/** `route add 10.0.0.0/8 --via 192.168.1.254 --dev eth1 --persist`: the dualhome arguments for a change. */
export function cliArgs(change: RouteChange, extra: readonly string[] = [], shell: Shell = "posix"): string {
  const parts = ["route", change.action === "add" ? "add" : "del", change.destination];
  if (change.gateway) parts.push("--via", change.gateway);
  if (change.interface) parts.push("--dev", change.interface);
  if (change.metric !== undefined) parts.push("--metric", String(change.metric));
  if (change.table) parts.push("--table", change.table);
  if (change.persistent) parts.push("--persist");
  return commandLine([...parts, ...extra], shell);
}

const wayText = (w: { interface: string | null; gateway: string | null }) =>
  w.interface ? `${w.interface}${w.gateway ? ` via ${w.gateway}` : " on-link"}` : "no route";

const hostPort = (e: { address: string; port: number }) =>
  e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;

/** New connections and retried stuck connects that the change sends another way, in words. */
export function waysLines(ways: ChangedWays | undefined): string[] {
  if (!ways) return [];
  const out = ways.fresh.map(
    (f) => `new connections to ${f.destination} will leave by ${wayText(f.after)} (now ${wayText(f.before)})`,
  );
  for (const r of ways.retried) {
    const c = r.connection;
    out.push(
      `retried: ${hostPort(c.local)} -> ${hostPort(c.remote)} SYN_SENT is stuck on ${wayText(r.before)}; ` +
        `the service's next try leaves by ${wayText(r.after)}`,
    );
  }
  return out;
}
