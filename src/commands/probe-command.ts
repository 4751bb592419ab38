// `dualhome probe <host> <port>`: what telnet was used for, plus the card the SYN left from.

import { parseHostPort } from "../app/probe.js";
import { egressOf } from "../core/classify.js";
import { buildIndex } from "../core/lookup.js";
import { probe } from "../system/probe.js";
import { CliError, type Ctx, printJson } from "./context.js";
import { SCHEMA_VERSION } from "./json-contract.js";
import { hostPlatform } from "./snapshot-command.js";
import { wholeIn } from "./whole-number.js";

export interface ProbeCommandOptions {
  timeout?: string;
  json?: boolean;
}

export function parsePort(text: string): number {
  return wholeIn(text, "port", 1, 65535);
}

export function parseTimeout(text: string | undefined, fallback: number): number {
  return text === undefined ? fallback : wholeIn(text, "timeout", 1, 600_000, "a number of milliseconds");
}

/** `probe 10.1.1.20 5061`, or as telnet users and the TUI write it, `probe 10.1.1.20:5061` / `[fe80::1]:22`. */
function target(hostText: string, portText: string | undefined): { host: string; port: number } {
  if (portText !== undefined)
    return { host: hostText.replace(/^\[(.*)\]$/, "$1"), port: parsePort(portText) };
  const t = parseHostPort(hostText);
  if ("error" in t) throw new CliError(`${t.error}, or give the port apart: dualhome probe <host> <port>`);
  return t;
}

/** host:port, an IPv6 address in brackets so its colons are not read as the port's. */
export function hostPortText(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

function refusedOverSsh(target: string): never {
  throw new CliError(`probes over --ssh work on Linux hosts only: run dualhome probe on ${target}`);
}

export async function probeCommand(
  ctx: Ctx,
  hostText: string,
  portText: string | undefined,
  opts: ProbeCommandOptions,
): Promise<number> {
  const { host, port } = target(hostText, portText);
  const timeoutMs = parseTimeout(opts.timeout, 5000);
  const platform = await hostPlatform(ctx);
  try {
    const result = platform.probe
      ? await platform.probe(host, port, timeoutMs)
      : ctx.remote
        ? refusedOverSsh(ctx.remote.target)
        : await probe(host, port, { timeoutMs });
    let iface: string | null = null;
    let gateway: string | null = null;
    if (result.source) {
      const snap = await platform.collect();
      if (snap.interfaces.ok && snap.routes.ok) {
        const index = buildIndex(
          snap.os,
          snap.interfaces.value,
          snap.routes.value,
          snap.rules.ok ? snap.rules.value : [],
          snap.hostModel,
        );
        const way = egressOf(index, {
          protocol: "tcp",
          family: result.source.includes(":") ? 6 : 4,
          local: { address: result.source, port: result.sourcePort ?? 0 },
          remote: { address: result.host, port },
          state: "SYN_SENT",
          pid: null,
          process: null,
        });
        iface = way.egress.interface;
        gateway = way.egress.gateway;
      }
    }
    const out = { schemaVersion: SCHEMA_VERSION, ...result, interface: iface, gateway };
    if (opts.json) printJson(ctx, out);
    else {
      const via = iface ? ` via ${iface}${gateway ? ` (gateway ${gateway})` : " (on-link)"}` : "";
      const from = result.source ? ` from ${result.source}${via}` : "";
      const words = {
        connected: "connected",
        refused: "refused (the host answered with a reset: nothing listens there)",
        timeout: "timed out in SYN_SENT (no answer: a drop on the way, or the reply went elsewhere)",
        error: `error: ${result.error ?? "unknown"}`,
      }[result.outcome];
      ctx.out(`${hostPortText(result.host, port)} ${words}${from} after ${Math.round(result.ms)} ms\n`);
    }
    return result.outcome === "connected" ? 0 : 1;
  } finally {
    await platform.close?.();
  }
}
