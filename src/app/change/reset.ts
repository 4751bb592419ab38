// After a fix, the connects stuck in SYN_SENT still wait on the old way until the
// service gives up and tries again. Closing them (TCPView's "Close connection",
// Linux `ss -K`) makes that next try happen now, by the new route. A closed
// connection cannot be reopened: this is journaled, but nothing reverts it.

import { errorText } from "../../core/errors.js";
import type { RetriedWay } from "../../core/impact-ways.js";
import { normalizeAddr, splitZone } from "../../core/ip.js";
import type { Analysis, Connection, Endpoint, OsKind } from "../../core/model.js";
import type { CommandRunner } from "../../system/exec/runner-types.js";
import type { Journal } from "../../system/journal/journal.js";
import type { Platform } from "../../system/platform.js";
import { formatArgv } from "./text.js";

/** A stuck connect a change moved: where it waits, and the card its retry will use. */
export interface ResetFlow {
  local: Endpoint;
  remote: Endpoint;
  /** The card it is stuck on, and the one the service's next try leaves by. */
  from: string | null;
  to: string | null;
}

export interface PreparedReset {
  ok: true;
  flows: ResetFlow[];
  /** One `ss -K` per flow, exactly as they will run. */
  commands: string[][];
  refusal: string | null;
}

export interface ResetOutcome {
  ok: boolean;
  lines: string[];
}

interface ResetDeps {
  platform: Platform;
  runner: CommandRunner;
  journal: Journal;
  clock: () => number;
  newId: () => string;
  host: string;
  readOnly: boolean;
  privileged: boolean;
}

/** At most this many in one go: a confirmation people can read. */
const MAX_FLOWS = 20;

export function resetFlowsOf(retried: readonly RetriedWay[]): ResetFlow[] {
  return retried.map((r) => ({
    local: { ...r.connection.local },
    remote: { ...r.connection.remote },
    from: r.before.interface,
    to: r.after.interface,
  }));
}

/** Why this OS cannot close a connection on request, or null when it can. */
export function resetUnsupported(platform: Pick<Platform, "os" | "resetArgv">): string | null {
  if (platform.resetArgv) return null;
  const why: Partial<Record<OsKind, string>> = {
    windows:
      "Windows has no documented command that closes a connection (TCPView's Close Connection calls the SetTcpEntry API; " +
      "PowerShell's NetTCPIP module can only list them): restart the service or wait for its own retry",
  };
  return (
    why[platform.os] ??
    `${platform.os}: dualhome cannot close connections here; wait for the service's own retry`
  );
}

const addr = (a: string) => normalizeAddr(splitZone(a).address) ?? a;
const sameEnd = (a: Endpoint, b: Endpoint) => a.port === b.port && addr(a.address) === addr(b.address);

/** The flows of `flows` that are still stuck in SYN_SENT among `connections`. */
function stillStuck(flows: readonly ResetFlow[], connections: readonly Connection[]): ResetFlow[] {
  const stuck = connections.filter(
    (c) => c.protocol === "tcp" && c.state.toUpperCase().replace("-", "_") === "SYN_SENT",
  );
  return flows.filter((f) => stuck.some((c) => sameEnd(c.local, f.local) && sameEnd(c.remote, f.remote)));
}

const flowText = (f: ResetFlow) => {
  const end = (e: Endpoint) =>
    e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
  return `${end(f.local)} -> ${end(f.remote)}`;
};

const some = (flows: readonly ResetFlow[]) =>
  `${flowText(flows[0] as ResetFlow)}${flows.length > 1 ? ` (+${flows.length - 1})` : ""}`;

/** What the poll after `ss -K` says: closed, connected by itself meanwhile, or still stuck. */
function judge(flows: readonly ResetFlow[], now: readonly Connection[]): ResetOutcome {
  const stuck = stillStuck(flows, now);
  const present = (f: ResetFlow) => now.some((c) => sameEnd(c.local, f.local) && sameEnd(c.remote, f.remote));
  const connected = flows.filter((f) => present(f) && !stuck.includes(f));
  const closed = flows.filter((f) => !present(f));
  const lines: string[] = [];
  const n = closed.length;
  if (n > 0)
    lines.push(
      `reset ${n} stuck connect${n === 1 ? "" : "s"} (${some(closed)}): gone; ` +
        `the service's next try leaves by ${closed[0]?.to ?? "the new route"}`,
      "not revertible: a closed connection cannot be reopened (journaled as a reset)",
    );
  if (connected.length > 0)
    lines.push(
      `${some(connected)} connected by itself before the reset (the kernel's own SYN retry took the new route): nothing to close`,
    );
  if (stuck.length > 0)
    lines.push(
      `ss -K ran, but the kernel did not close ${some(stuck)}: closing sockets needs a kernel built with ` +
        "CONFIG_INET_DIAG_DESTROY, which this one lacks; the connect ends when the service gives up",
    );
  return { ok: n > 0 && stuck.length === 0, lines };
}

export function createReset(d: ResetDeps) {
  function prepareReset(
    flows: readonly ResetFlow[],
    analysis: Analysis,
  ): PreparedReset | { ok: false; reason: string } {
    const unsupported = resetUnsupported(d.platform);
    if (unsupported) return { ok: false, reason: `cannot reset the stuck connects: ${unsupported}` };
    const left = stillStuck(flows, analysis.connections).slice(0, MAX_FLOWS);
    if (left.length === 0)
      return {
        ok: false,
        reason: "nothing to reset: the stuck connects are gone already (retried or given up)",
      };
    const build = d.platform.resetArgv as NonNullable<Platform["resetArgv"]>;
    let commands: string[][];
    try {
      commands = left.map((f) => build(f));
    } catch (e) {
      return { ok: false, reason: errorText(e) };
    }
    const refusal = d.readOnly
      ? "read-only: nothing was reset"
      : d.privileged
        ? null
        : `needs root: run \`sudo ${formatArgv(commands[0] ?? [])}\`${commands.length > 1 ? " (and the others above)" : ""}`;
    return { ok: true, flows: left, commands, refusal };
  }

  async function reset(p: PreparedReset): Promise<ResetOutcome> {
    if (p.refusal) return { ok: false, lines: [p.refusal] };
    let error: string | null = null;
    for (const argv of p.commands) {
      try {
        await d.runner.run(argv);
      } catch (e) {
        error = errorText(e);
        break;
      }
    }
    const record = {
      type: "reset" as const,
      id: `reset-${d.newId()}`,
      at: d.clock(),
      commands: p.commands,
      host: d.host,
    };
    const journalWarning: string[] = [];
    try {
      d.journal.append({ ...record, ok: error === null, ...(error === null ? {} : { error }) });
    } catch (e) {
      journalWarning.push(`warning: ${errorText(e)}`);
    }
    if (error !== null) return { ok: false, lines: [`reset failed: ${error}`, ...journalWarning] };
    let now: readonly Connection[];
    try {
      const snap = await d.platform.collect();
      if (!snap.connections.ok) throw new Error(snap.connections.error);
      now = snap.connections.value;
    } catch (e) {
      return {
        ok: false,
        lines: [`the reset ran but could not be checked: ${errorText(e)}`, ...journalWarning],
      };
    }
    const judged = judge(p.flows, now);
    return { ...judged, lines: [...judged.lines, ...journalWarning] };
  }

  return { prepareReset, reset };
}
