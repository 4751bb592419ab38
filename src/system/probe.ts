// What telnet was used for: open a TCP connection and tell which local address
// (and so which card) the SYN left from, and how it ended. The local address is
// read while the SYN is still pending, so a hung SYN_SENT still names its source.
// Depends on node: modules only (tests run it as plain JS inside a namespace).

import { lookup as dnsLookup } from "node:dns/promises";
import { createConnection, isIP, type Socket, type TcpNetConnectOpts } from "node:net";
import { performance } from "node:perf_hooks";

export type ProbeOutcome = "connected" | "refused" | "timeout" | "error";

export interface ProbeResult {
  /** The address connected to (the resolved one when a name was given). */
  host: string;
  port: number;
  outcome: ProbeOutcome;
  /** Local address and port of the attempt; null when the kernel never picked one. */
  source: string | null;
  sourcePort: number | null;
  ms: number;
  error?: string;
  /** The name as given, when it was not an address. */
  name?: string;
}

interface ProbeOptions {
  timeoutMs: number;
  connect?: (options: TcpNetConnectOpts) => Socket;
  /** Name → address; defaults to dns.lookup (hosts file, then DNS). */
  lookup?: (name: string) => Promise<string>;
}

const NAME_RE =
  /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;

const defaultLookup = async (name: string) => (await dnsLookup(name)).address;

function plainAddress(a: string | undefined): string | null {
  if (!a) return null;
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return m ? (m[1] as string) : a;
}

/** A probe that ended in an error before (or instead of) an answer. */
export function probeFailure(
  host: string,
  port: number,
  error: string,
  extra: Partial<ProbeResult> = {},
): ProbeResult {
  return { host, port, outcome: "error", source: null, sourcePort: null, ms: 0, error, ...extra };
}

/** Why `port` is not a TCP port, or null. */
export function portProblem(port: number): string | null {
  return Number.isInteger(port) && port >= 1 && port <= 65535
    ? null
    : `port ${port} is not a whole number from 1 to 65535`;
}

export async function probe(host: string, port: number, opts: ProbeOptions): Promise<ProbeResult> {
  const badPort = portProblem(port);
  if (badPort) return probeFailure(host, port, badPort);
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0)
    return probeFailure(host, port, `timeout ${opts.timeoutMs} ms is not a positive number`);
  let address = host.trim();
  let name: string | undefined;
  if (isIP(address) === 0) {
    if (!NAME_RE.test(address))
      return probeFailure(host, port, `"${host}" is neither an IP address nor a host name`);
    name = address;
    try {
      address = await (opts.lookup ?? defaultLookup)(name);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
      return probeFailure(host, port, `cannot resolve ${name} (${code}): check the name or use an address`, {
        name,
      });
    }
  }
  const connect = opts.connect ?? createConnection;
  return attempt(address, port, opts.timeoutMs, connect, name);
}

function attempt(
  host: string,
  port: number,
  timeoutMs: number,
  connect: (o: TcpNetConnectOpts) => Socket,
  name: string | undefined,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let source: string | null = null;
    let sourcePort: number | null = null;
    let done = false;
    // getsockname works from the moment connect() bound the socket, SYN answered or not.
    const sample = () => {
      const a = plainAddress(socket.localAddress);
      const p = socket.localPort;
      if (a && a !== "0.0.0.0" && a !== "::" && p) {
        source = a;
        sourcePort = p;
      }
    };
    const finish = (outcome: ProbeOutcome, error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sample();
      socket.destroy();
      const r: ProbeResult = {
        host,
        port,
        outcome,
        source,
        sourcePort,
        ms: Math.round(performance.now() - started),
      };
      if (error !== undefined) r.error = error;
      if (name !== undefined) r.name = name;
      resolve(r);
    };
    const socket = connect({ host, port, autoSelectFamily: false });
    const timer = setTimeout(
      () => finish("timeout", `no answer within ${timeoutMs} ms (SYN_SENT)`),
      timeoutMs,
    );
    // Node connects to an IP address on the next tick; this tick runs right after,
    // before any answer is read, so even a refusal still shows the bound address.
    process.nextTick(sample);
    setImmediate(sample);
    socket.once("connect", () => finish("connected"));
    socket.once("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ECONNREFUSED") finish("refused", "connection refused: nothing listens on that port");
      else if (e.code === "ETIMEDOUT") finish("timeout", "the kernel gave up waiting for an answer");
      else finish("error", e.message);
    });
  });
}
