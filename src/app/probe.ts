// What the TUI needs around a TCP probe (what telnet was used for). The probe
// itself is injected: the real one is src/system/probe.ts, the demo has its own.
import { parseAddr } from "../core/ip.js";
import type { ProbeResult } from "../system/probe.js";

export type { ProbeOutcome, ProbeResult } from "../system/probe.js";

export type ProbeFn = (host: string, port: number) => Promise<ProbeResult>;

/** "10.1.1.20:5061", "10.1.1.20 5061", "[fe80::1]:22", "sip.example:5061". */
export function parseHostPort(text: string): { host: string; port: number } | { error: string } {
  const t = text.trim();
  let host: string | undefined;
  let port: string | undefined;
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(t);
  const spaced = /^(\S+)\s+(\d+)$/.exec(t);
  if (bracket) [, host, port] = bracket;
  else if (spaced) [, host, port] = spaced;
  else {
    const i = t.lastIndexOf(":");
    // A bare IPv6 address has colons but no port: say so instead of guessing.
    if (i > 0 && !parseAddr(t)) [host, port] = [t.slice(0, i), t.slice(i + 1)];
  }
  if (!host || !port || !/^\d+$/.test(port))
    return { error: `"${t}" is not host:port: type e.g. 10.1.1.20:5061 or [fe80::1]:22` };
  const n = Number(port);
  if (n < 1 || n > 65535) return { error: `port ${port} is not 1..65535` };
  if (!/^[A-Za-z0-9.:_-]+$/.test(host)) return { error: `"${host}" is not a host name or address` };
  return { host, port: n };
}

/**
 * Does this flow belong to the probe: same remote, and the same local port once
 * it is known. Until then, only a flow first seen after the probe started: the
 * application's own flows to the same place are older.
 */
export function isProbeFlow(
  probe: { host: string; port: number; startedAt: number; result: ProbeResult | null },
  c: { local: { address: string; port: number }; remote: { address: string; port: number } },
  firstSeen: number,
): boolean {
  if (c.remote.port !== probe.port || c.remote.address !== probe.host) return false;
  const lp = probe.result?.sourcePort;
  if (lp !== null && lp !== undefined) return c.local.port === lp;
  return firstSeen >= probe.startedAt;
}
