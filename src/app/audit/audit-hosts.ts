// `dualhome audit`: the same analysis as `check`, on many hosts over OpenSSH, a few
// at a time. A host that cannot be reached or read becomes a row with the reason;
// it never stops the others, and none of them waits longer than its own deadline.
import { setMaxListeners } from "node:events";
import { analyze } from "../../core/analyze.js";
import { type AuditRow, auditRow, unreachableRow } from "../../core/audit-row.js";
import { errorText } from "../../core/errors.js";
import { mapBounded } from "../../core/map-bounded.js";
import type { Policy } from "../../core/policy.js";
import { choosePlatform } from "../../system/choose-platform.js";
import type { CommandRunner } from "../../system/exec/runner-types.js";
import type { Platform } from "../../system/platform.js";
import { connectRemote, type RemoteHost } from "../../system/remote-host.js";

interface AuditOptions {
  parallel: number;
  timeoutS: number;
  controlDir: string;
  configFile?: string;
  /** false on Windows, whose OpenSSH client cannot share a connection. */
  multiplex: boolean;
  policy: Policy | null;
  policySource: string;
}

function argvOf(platform: Platform, analysis: ReturnType<typeof analyze>) {
  const cards = analysis.snapshot.interfaces.ok ? analysis.snapshot.interfaces.value : [];
  return (change: Parameters<NonNullable<Platform["changeArgv"]>>[0]) => {
    try {
      return platform.changeArgv?.(change, cards) ?? null;
    } catch {
      return null;
    }
  };
}

async function checkOne(local: CommandRunner, host: string, opts: AuditOptions, signal: AbortSignal) {
  let remote: RemoteHost | null = null;
  let platform: Platform | null = null;
  try {
    remote = await connectRemote(local, host, {
      controlDir: opts.controlDir,
      multiplex: opts.multiplex,
      connectTimeoutS: Math.max(1, Math.min(10, opts.timeoutS)),
      timeoutMs: opts.timeoutS * 1000,
      ...(opts.configFile ? { configFile: opts.configFile } : {}),
    });
    if (signal.aborted) throw signal.reason;
    platform = await choosePlatform(remote.os, remote.runner, { isRoot: remote.isRoot, remote });
    const snapshot = await platform.collect({ processNames: true, signal });
    const analysis = analyze(snapshot, {
      policy: opts.policy,
      policySource: opts.policySource,
      now: snapshot.takenAt,
    });
    return auditRow(host, analysis, argvOf(platform, analysis));
  } finally {
    await platform?.close?.();
    await remote?.close();
  }
}

/** One row per host, in the order given. */
export function auditHosts(
  local: CommandRunner,
  hosts: readonly string[],
  opts: AuditOptions,
): Promise<AuditRow[]> {
  return mapBounded(hosts, opts.parallel, async (host) => {
    const abort = new AbortController();
    // Every command of a poll listens on it (about 7 at once, two listeners each): no leak.
    setMaxListeners(64, abort.signal);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<AuditRow>((resolve) => {
      timer = setTimeout(() => {
        abort.abort(new Error("deadline"));
        resolve(unreachableRow(host, `no answer within ${opts.timeoutS} s (--timeout)`));
      }, opts.timeoutS * 1000);
    });
    const work = checkOne(local, host, opts, abort.signal).catch((e: unknown) =>
      unreachableRow(host, errorText(e)),
    );
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  });
}
