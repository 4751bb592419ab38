// `dualhome export`: the analysis as Prometheus metrics, served on /metrics
// (--listen) and/or written for node_exporter's textfile collector (--textfile).
import { createExportMetrics } from "../app/export/export-metrics.js";
import { createExportPoller } from "../app/export/export-poller.js";
import type { Policy } from "../core/policy.js";
import { chooseDemo } from "../system/choose-platform.js";
import { ListenError, type MetricsServer, serveMetrics } from "../system/export/metrics-server.js";
import {
  checkTextfileDir,
  TEXTFILE_NAME,
  TextfileDirError,
  writeTextfile,
} from "../system/export/textfile.js";
import type { Platform } from "../system/platform.js";
import { VERSION } from "../version.js";
import { CliError, type Ctx } from "./context.js";
import { DEFAULT_LISTEN, type ListenAddress, listenText, parseListen } from "./listen-address.js";
import { loadPolicy } from "./policy-load.js";
import { hostPlatform } from "./snapshot-command.js";
import { wholeIn } from "./whole-number.js";

export interface ExportOptions {
  listen?: string;
  textfile?: string;
  every?: string;
  once?: boolean;
  demo?: boolean;
  policy?: string;
}

interface Plan {
  listen: ListenAddress | null;
  textfile: string | null;
  everyS: number;
  once: boolean;
}

function plan(o: ExportOptions): Plan {
  if (o.once && o.listen !== undefined)
    throw new CliError(
      "--once polls once and prints the metrics (or writes --textfile): it does not serve; drop --listen",
    );
  const everyS = wholeIn(o.every ?? "15", "--every", 1, 86_400, "a number of seconds");
  // Serving is the default, unless the metrics go to a textfile (or --once prints them).
  const listen =
    o.listen !== undefined
      ? parseListen(o.listen)
      : o.textfile || o.once
        ? null
        : parseListen(DEFAULT_LISTEN);
  if (o.textfile !== undefined)
    try {
      checkTextfileDir(o.textfile);
    } catch (e) {
      if (e instanceof TextfileDirError) throw new CliError(e.message);
      throw e;
    }
  return { listen, textfile: o.textfile ?? null, everyS, once: !!o.once };
}

function listenFailure(e: ListenError, where: string): CliError {
  switch (e.code) {
    case "EADDRINUSE":
      return new CliError(`${where} is in use: pick another with --listen`);
    case "EACCES":
      return new CliError(`cannot listen on ${where}: permission denied (ports below 1024 need root)`);
    case "EADDRNOTAVAIL":
      return new CliError(`cannot listen on ${where}: no card of this host has that address`);
    default:
      return new CliError(e.message);
  }
}

async function chosenPlatform(
  ctx: Ctx,
  o: ExportOptions,
  once: boolean,
): Promise<{ platform: Platform; policy: Policy | null; source: string }> {
  const loaded = await loadPolicy(o.policy);
  if (!o.demo) return { platform: await hostPlatform(ctx, { live: !once }), ...loaded };
  const demo = chooseDemo();
  return o.policy
    ? { platform: demo.platform, ...loaded }
    : { platform: demo.platform, policy: demo.policy, source: "demo" };
}

/**
 * Resolves at the first SIGINT or SIGTERM: the exporter then closes and exits 0. The
 * listeners stay until `release()`: execa's signal-exit re-raises a signal that finds
 * no other listener, which would kill the process before it closed.
 */
function untilStopped(): { stopped: Promise<void>; release: () => void } {
  let onSignal: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    onSignal = resolve;
  });
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    stopped,
    release: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

export async function exportCommand(ctx: Ctx, o: ExportOptions): Promise<number> {
  const p = plan(o);
  const { platform, policy, source } = await chosenPlatform(ctx, o, p.once);
  let server: MetricsServer | null = null;
  let signals: ReturnType<typeof untilStopped> | null = null;
  try {
    const metrics = createExportMetrics({ version: VERSION });
    const textfile = p.textfile;
    const write = textfile
      ? async () => {
          await writeTextfile(textfile, await metrics.registry.metrics());
        }
      : undefined;
    const poller = createExportPoller({
      platform,
      everyMs: p.everyS * 1000,
      metrics,
      policy,
      policySource: source,
      ...(write ? { afterPoll: write } : {}),
      report: (line) => ctx.err(`${line}\n`),
    });
    if (p.once) {
      const answered = await poller.pollOnce();
      if (write) await write();
      else ctx.out(await metrics.registry.metrics());
      return answered ? 0 : 2;
    }
    if (p.listen) {
      const where = listenText(p.listen);
      try {
        server = await serveMetrics(p.listen.host, p.listen.port, metrics.registry);
      } catch (e) {
        if (e instanceof ListenError) throw listenFailure(e, where);
        throw e;
      }
    }
    const to = [
      ...(server ? [`serving http://${server.address}/metrics`] : []),
      ...(textfile ? [`writing ${textfile.replace(/\/+$/, "")}/${TEXTFILE_NAME}`] : []),
    ];
    ctx.err(`dualhome: export ${to.join(" and ")}, a poll every ${p.everyS} s (stop: Ctrl-C or SIGTERM)\n`);
    signals = untilStopped();
    poller.start();
    await signals.stopped;
    poller.stop();
    return 0;
  } finally {
    await server?.close();
    await platform.close?.();
    signals?.release();
  }
}
