// Windows 8 / Server 2012 and later: the NetTCPIP cmdlets through ONE long-lived
// powershell.exe (starting one costs about a second; a poll must not). Each poll
// writes a script and reads JSON back up to a marker line only that poll uses.

import { randomUUID } from "node:crypto";
import { errorText } from "../../core/errors.js";
import type { NetInterface, RouteChange, Snapshot } from "../../core/model.js";
import type { Session, SessionFactory } from "../exec/runner-session.js";
import type { CommandRunner } from "../exec/runner-types.js";
import { assembleSnapshot } from "../parts/assemble.js";
import type { Source } from "../parts/part.js";
import type { CollectOptions, Platform } from "../platform.js";
import { createClassicWindowsPlatform, sourceOf, type WindowsPlatformOptions } from "./classic-platform.js";
import { psItems } from "./parse-powershell.js";
import { psConnectionsPart, psInterfacesPart, psRoutesPart } from "./powershell-parts.js";
import type { PsObject } from "./ps-fields.js";
import { POWERSHELL_SESSION, pollScript, SESSION_SETUP } from "./ps-script.js";
import { powershellRouteArgv } from "./route-argv.js";

interface PowerShellPlatformOptions extends WindowsPlatformOptions {
  /** How long one poll may take before the session is restarted (default 15 s). */
  pollTimeoutMs?: number;
  /** Unique marker per poll; injectable for tests. */
  newMarker?: () => string;
  /** Routes are read in full at least this often, whatever the change check says (default 30 s). */
  resyncMs?: number;
}

function sourceIn(data: PsObject, key: string): Source<unknown> {
  const err = data[`${key}Error`];
  if (typeof err === "string") return { ok: false, error: `${key}: ${err}` };
  return { ok: true, value: data[key] ?? [] };
}

/** The Snapshot for one poll's JSON (also what `analyze` builds from saved files). */
function snapshotFromPsData(
  data: PsObject,
  meta: { host: string; takenAt: number; collector: string },
): Snapshot {
  const ifs = psInterfacesPart(sourceIn(data, "interfaces"), sourceIn(data, "addresses"));
  const { ipInterfaces, ...interfaces } = ifs;
  const known = interfaces.ok ? interfaces.value : [];
  const admin = data.admin;
  return assembleSnapshot(
    {
      platform: "windows",
      os: "windows",
      host: typeof data.host === "string" && data.host !== "" ? data.host : meta.host,
      collector: meta.collector,
      takenAt: meta.takenAt,
      ...(typeof admin === "boolean" ? { privileged: admin } : {}),
    },
    interfaces,
    psRoutesPart(sourceIn(data, "routes"), ipInterfaces, known),
    psConnectionsPart(
      sourceIn(data, "tcp"),
      sourceIn(data, "udp"),
      data.processes ? sourceIn(data, "processes") : undefined,
    ),
  );
}

function failedSnapshot(error: string, meta: { host: string; takenAt: number }): Snapshot {
  const part = { ok: false as const, error, warnings: [] };
  return {
    platform: "windows",
    os: "windows",
    host: meta.host,
    collector: "powershell",
    takenAt: meta.takenAt,
    interfaces: part,
    routes: part,
    rules: { ok: true, value: [], warnings: [] },
    connections: part,
    sysctls: { ok: true, value: {}, warnings: [] },
  };
}

export function createPowerShellPlatform(
  factory: SessionFactory,
  opts: PowerShellPlatformOptions = {},
): Platform {
  const clock = opts.clock ?? Date.now;
  const timeoutMs = opts.pollTimeoutMs ?? 15_000;
  const newMarker = opts.newMarker ?? (() => `DUALHOME_END_${randomUUID().replace(/-/g, "")}`);
  let session: Session | null = null;
  const host = opts.hostname ?? "";
  // The last routes read in full, handed back (same array) while the change check says "unchanged".
  let lastRoutes: Snapshot["routes"] | null = null;
  /** Last poll's answer (its marker removed) and the snapshot made of it. */
  let lastAnswer: { body: string; snap: Snapshot } | null = null;
  let lastFullAt = Number.NEGATIVE_INFINITY;
  const resyncMs = opts.resyncMs ?? 30_000;
  const open = (): Session => {
    if (!session) {
      session = factory([...POWERSHELL_SESSION]);
      session.write(SESSION_SETUP);
      lastRoutes = null;
      lastAnswer = null;
    }
    return session;
  };
  /** `forceFull`: read every route, past the route-count check. */
  async function collectNow(c: CollectOptions, forceFull = false): Promise<Snapshot> {
    const marker = newMarker();
    try {
      const s = open();
      const fullRoutes = forceFull || !lastRoutes || clock() - lastFullAt >= resyncMs;
      s.write(pollScript(marker, { processNames: c.processNames ?? false, fullRoutes }));
      const text = await s.readUntil(marker, timeoutMs);
      // The same answer as last poll, marker aside: last poll's parts, nothing parsed.
      const body = text.split(marker).join("");
      if (lastAnswer && body === lastAnswer.body) return { ...lastAnswer.snap, takenAt: clock() };
      const data = psItems(text).items[0];
      if (!data) return failedSnapshot("PowerShell answered without JSON", { host, takenAt: clock() });
      const snap = snapshotFromPsData(data, { host, takenAt: clock(), collector: "powershell" });
      const answer = data.routesUnchanged === true && lastRoutes ? { ...snap, routes: lastRoutes } : snap;
      if (answer === snap) {
        if (snap.routes.ok) {
          lastRoutes = snap.routes;
          lastFullAt = clock();
        } else lastRoutes = null;
      }
      const good = answer.interfaces.ok && answer.routes.ok && answer.connections.ok;
      lastAnswer = good ? { body, snap: answer } : null;
      return answer;
    } catch (e) {
      // A dead or stuck session is replaced on the next poll.
      const s = session;
      session = null;
      await s?.close().catch(() => undefined);
      const why = errorText(e);
      return failedSnapshot(`PowerShell session failed: ${why}`, { host, takenAt: clock() });
    }
  }
  // One script at a time on the one session: a change's read-back comes while the
  // screen's poll may still be waiting, and a second reader would break the session.
  let queue: Promise<unknown> = Promise.resolve();
  const queued = (c: CollectOptions, forceFull: boolean): Promise<Snapshot> => {
    const run = queue.then(() => collectNow(c, forceFull));
    queue = run.catch(() => undefined);
    return run;
  };
  const collect = (c: CollectOptions = {}): Promise<Snapshot> => queued(c, false);
  return {
    id: "windows",
    os: "windows",
    collector: "powershell",
    collect,
    // Past the route-count check: a change that kept the count (or a revert) is seen at once.
    // Forced inside the queue: a poll still running cannot put the count check back first.
    async routesOf() {
      return (await queued({}, true)).routes;
    },
    changeArgv(change: RouteChange, interfaces: NetInterface[]): string[] {
      return powershellRouteArgv(change, interfaces);
    },
    async close(): Promise<void> {
      const s = session;
      session = null;
      await s?.close();
    },
  };
}

/** Asked once at start: the PowerShell version, and whether Get-NetRoute exists (Windows 8/2012+). */
export const POWERSHELL_PROBE = [
  "powershell.exe",
  "-NoLogo",
  "-NoProfile",
  "-NonInteractive",
  "-Command",
  "$PSVersionTable.PSVersion.Major; if (Get-Command Get-NetRoute -ErrorAction SilentlyContinue) { 'netroute' }",
];

/** PowerShell when it is 3 or later and has the NetTCPIP cmdlets; the classic tools otherwise. */
export async function chooseWindowsPlatform(
  runner: CommandRunner,
  factory: SessionFactory,
  opts: PowerShellPlatformOptions = {},
): Promise<Platform> {
  const probe = await sourceOf(runner, POWERSHELL_PROBE);
  if (probe.ok) {
    const lines = probe.value.split(/\r?\n/).map((l) => l.trim());
    const major = Number(lines[0]);
    if (Number.isInteger(major) && major >= 3 && lines.includes("netroute"))
      return createPowerShellPlatform(factory, opts);
  }
  return createClassicWindowsPlatform(runner, opts);
}
