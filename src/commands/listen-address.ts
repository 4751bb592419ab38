// `--listen [ADDR:]PORT`: where `dualhome export` serves /metrics. Loopback unless an
// address is named: the metrics name the host's cards and flows, which are nobody
// else's business unless the operator says so (0.0.0.0 or [::] for all addresses).
import { normalizeAddr, parseAddr } from "../core/ip.js";
import { CliError } from "./context.js";
import { wholeIn } from "./whole-number.js";

export const DEFAULT_LISTEN = "127.0.0.1:9877";

export interface ListenAddress {
  /** An address literal, as node:http listen() takes it ("::1", not "[::1]"). */
  host: string;
  port: number;
  /** The operator asked for every address (0.0.0.0 or ::). */
  everyAddress: boolean;
}

const EXAMPLES = "e.g. 9877, 127.0.0.1:9877, [::1]:9877, or 0.0.0.0:9877 for every address";

export function parseListen(text: string): ListenAddress {
  const t = text.trim();
  const bad = (why: string): never => {
    throw new CliError(`--listen "${text}": ${why} (${EXAMPLES})`);
  };
  const m = /^\d+$/.test(t)
    ? ["", "127.0.0.1", t]
    : (/^\[([^\]]*)\]:(\d+)$/.exec(t) ?? /^([^:[\]]+):(\d+)$/.exec(t));
  if (!m)
    return bad(
      t.includes(":") && !t.startsWith("[") ? "an IPv6 address goes in brackets" : "not [ADDR:]PORT",
    );
  const [, rawHost = "", rawPort = ""] = m;
  const bracketed = t.startsWith("[");
  const host = rawHost === "localhost" ? "127.0.0.1" : normalizeAddr(rawHost);
  const a = host === null ? null : parseAddr(host);
  if (host === null || a === null) return bad(`"${rawHost}" is not an IP address`);
  if (bracketed && a.family !== 6) return bad("only an IPv6 address goes in brackets");
  const port = wholeIn(rawPort, "--listen port", 1, 65535, "a port");
  return { host, port, everyAddress: a.v === 0 || a.v === 0n };
}

/** "127.0.0.1:9877", "[::1]:9877": how people write it back. */
export function listenText(l: Pick<ListenAddress, "host" | "port">): string {
  return l.host.includes(":") ? `[${l.host}]:${l.port}` : `${l.host}:${l.port}`;
}
