// Changing routes safely (docs/ARCHITECTURE.md, "The rules every change obeys"), for the CLI and the TUI alike:
// prepare shows the exact argv, its impact and persistence; apply journals the
// intent, runs that same argv, journals the result, verifies the table and
// leaves a detached watchdog holding the revert; keep and undo close the loop.
import { randomBytes } from "node:crypto";
import { errorText } from "../../core/errors.js";
import type { Analysis, RouteChange } from "../../core/model.js";
import { ValidationError, type ValidChange } from "../../core/route-change.js";
import type { Shell } from "../../core/shell-quote.js";
import type { CommandRunner } from "../../system/exec/runner-types.js";
import type { ChangeLock } from "../../system/journal/change-lock.js";
import type { Journal } from "../../system/journal/journal.js";
import type { JournalEntry } from "../../system/journal/queries.js";
import type { NetnsIdentity } from "../../system/netns-identity.js";
import type { KernelRoute } from "../../system/parts/exact-route.js";
import type { PersistencePlan } from "../../system/parts/persistence-plan.js";
import type { Platform } from "../../system/platform.js";
import { applyExtra, type ExtraChange } from "./extra.js";
import { type JournalStatus, journalStatus, type KeepOutcome, keepChanges } from "./keep.js";
import { type ApplyOptions, type ApplyOutcome, outcome } from "./outcome.js";
import { type PreparedChange, prepareChange } from "./prepare.js";
import { appliedAnyway, type ExactRoutes, faithfulRevert, routeAfter, routeBefore } from "./readback.js";
import {
  createReset,
  type PreparedReset,
  type ResetFlow,
  type ResetOutcome,
  resetUnsupported,
} from "./reset.js";
import { runJournaled } from "./run-journaled.js";
import { cliArgs, formatArgv } from "./text.js";
import {
  createUndo,
  type NotPrepared,
  type PreparedGroup,
  type PreparedUndo,
  type UndoOutcome,
} from "./undo.js";
import { verifyOnHost } from "./verify.js";

export type { JournalEntry } from "../../system/journal/queries.js";
export type { ExtraChange } from "./extra.js";
export type { JournalStatus, KeepOutcome } from "./keep.js";
export type { ApplyOptions, ApplyOutcome } from "./outcome.js";
export type { PreparedChange } from "./prepare.js";
export type { PreparedReset, ResetFlow, ResetOutcome } from "./reset.js";
export type { NotPrepared, PreparedGroup, PreparedUndo, UndoOutcome } from "./undo.js";

export interface ChangeRunnerDeps {
  platform: Platform;
  /** Runs the change commands (the platform's own runner, or a namespace / demo runner). */
  runner: CommandRunner;
  journal: Journal;
  /** Starts the rollback watchdog for change `id` at the deadline; returns its pid (0 when in-process). */
  spawnWatchdog: (id: string, atEpochMs: number) => number;
  clock?: () => number;
  readOnly: boolean;
  privileged: boolean;
  /** The operator's environment: SSH_CONNECTION marks their own session in the impact. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Linux: how to make a change persistent (planLinuxPersistence); Windows needs none (`-p`). */
  persistence?: (v: ValidChange) => Promise<PersistencePlan>;
  /** Why changes here are live only whatever --persist says (a lab namespace); absent where they may persist. */
  liveOnly?: string | null;
  /** Linux: reads one prefix from the kernel, so the journal keeps the route as the kernel made it. */
  exactRoutes?: ExactRoutes;
  /** Written into the journal: which host and who. */
  host?: string;
  user?: string;
  /** The network namespace this runs in: recorded with each change; keep, undo and status see only its own. */
  netns?: NetnsIdentity;
  /** Serializes changes with other processes sharing the journal (absent: none, as in the demo). */
  lock?: ChangeLock;
  newId?: () => string;
  /** How people start dualhome, for the "run it elevated" hint. */
  self?: string;
  pid?: number;
}

export interface ChangeRunner {
  /** Why changes here are live only (a lab namespace), or null: the add form's default follows it. */
  readonly liveOnly: string | null;
  /** Validates and renders; a ValidationError (returned, not thrown) says what is wrong with the input. */
  prepare(change: RouteChange, analysis: Analysis): Promise<PreparedChange | ValidationError>;
  apply(prepared: PreparedChange, opts?: ApplyOptions): Promise<ApplyOutcome>;
  /** A guided-fix extra: journaled and watchdog-held like a route change, but not verified against the table. */
  applyExtra(extra: ExtraChange, opts?: ApplyOptions): Promise<ApplyOutcome>;
  /** Keeps a change under auto-rollback (all pending ones when `id` is absent). */
  keep(id?: string): KeepOutcome;
  /** What undo would revert (change `id`, else the newest applied one made here not yet reverted), or why nothing. */
  prepareUndo(analysis?: Analysis, id?: string): PreparedUndo | NotPrepared;
  /** The undoable steps of the guided fix `p` belongs to, newest first (only `p` outside a fix). */
  prepareGroup(p: PreparedUndo, analysis?: Analysis): PreparedGroup;
  undo(prepared?: PreparedUndo): Promise<UndoOutcome>;
  /** Reverts each step in order, stopping at the first that is not reverted. */
  undoAll(steps: readonly PreparedUndo[]): Promise<UndoOutcome[]>;
  /** Reverts change `id` now, journaled as by "operator" (declined to keep it after an apply). */
  revertNow(id: string): Promise<UndoOutcome>;
  /** Why stuck connects cannot be closed here (the OS has no way), or null when they can. */
  readonly resetUnsupported: string | null;
  /** The `ss -K` commands that close the flows still stuck, or why nothing would run. */
  prepareReset(flows: readonly ResetFlow[], analysis: Analysis): PreparedReset | NotPrepared;
  /** Closes them, journals it (not revertible) and checks that they are gone. */
  reset(prepared: PreparedReset): Promise<ResetOutcome>;
  /** Journals change `id`, whose revert failed or was interrupted, as settled by the operator; nothing runs. */
  settle(id: string): UndoOutcome;
  /** What became of change `id` (pending, kept, reverted, …): for a countdown, or null when unknown. */
  entry(id: string): JournalEntry | null;
  /** Interrupted changes, rollbacks waiting for a keep, overdue ones: for startup messages. */
  status(): JournalStatus;
}

/** The shell people on this host paste a dualhome command line into. */
function shellOf(os: string): Shell {
  return os === "windows" ? "powershell" : "posix";
}

export function createChangeRunner(deps: ChangeRunnerDeps): ChangeRunner {
  const clock = deps.clock ?? Date.now;
  const env = deps.env ?? {};
  const self = deps.self ?? "dualhome";
  const host = deps.host ?? "";
  const newId = deps.newId ?? (() => randomBytes(4).toString("hex"));
  const pid = deps.pid ?? process.pid;
  const here = { host, ...(deps.netns ? { netns: deps.netns } : {}) };
  const mine = new Set<string>();
  const journaled = {
    journal: deps.journal,
    spawnWatchdog: deps.spawnWatchdog,
    clock,
    newId,
    host,
    user: deps.user ?? "",
    netns: deps.netns,
    lock: deps.lock,
    // Another change counting down is worth saying; this runner's own (the screen shows them) are not.
    pending: () => journalStatus(deps.journal, here, clock()).pending.filter((i) => !mine.has(i.id)),
  };

  function refusal(what: string, argv: readonly string[]): string | null {
    if (deps.readOnly) return "read-only: nothing was changed";
    if (deps.privileged) return null;
    const runs = argv.length ? ` (it runs: ${formatArgv(argv)})` : "";
    return deps.platform.os === "windows"
      ? `needs an elevated console: run \`${self} ${what}\` as administrator${runs}`
      : `needs root: run \`sudo ${self} ${what}\`${runs}`;
  }

  async function apply(p: PreparedChange, opts: ApplyOptions = {}): Promise<ApplyOutcome> {
    const s = opts.rollbackAfterS ?? 0;
    const refused = refusal(
      cliArgs(p.change, s > 0 ? ["--rollback-after", String(s)] : [], shellOf(deps.platform.os)),
      p.argv,
    );
    if (refused) return outcome({ status: "refused", message: refused });
    const exact = deps.exactRoutes;
    const read = exact?.read;
    const adding = p.change.action === "add";
    let before: KernelRoute | undefined;
    if (read && !adding) {
      const b = await routeBefore(read, p.change);
      if ("refusal" in b) return outcome({ status: "refused", message: b.refusal });
      before = b;
    }
    const after = async () => (read && adding ? await routeAfter(read, p.change) : null);
    const j = await runJournaled(
      journaled,
      {
        change: p.change,
        argv: p.argv,
        // A delete's revert restores the whole route the kernel showed, not what the table listed.
        revertArgv: before && exact ? exact.restoreArgv(before) : p.revertArgv,
        persistArgv: p.persistArgv,
        persistRevertArgv: p.persistRevertArgv,
        ...(before ? { route: before } : {}),
        ...(opts.group ? { group: opts.group } : {}),
      },
      s,
      async () => {
        await deps.runner.run(p.argv);
        const route = await after();
        const kernel = route ? { route } : {};
        if (!p.persistArgv) return { persisted: false, warnings: [], ...kernel };
        try {
          await deps.runner.run(p.persistArgv);
          return { persisted: true, warnings: [], ...kernel };
        } catch (e) {
          const why = `applied live, but saving it failed (it will not survive a reboot): ${errorText(e)}`;
          return { persisted: false, warnings: [why], ...kernel };
        }
      },
      appliedAnyway(deps.platform, p, after),
    );
    if (!j.ok) return j.outcome;
    mine.add(j.id);
    const base = {
      id: j.id,
      rollbackAt: j.rollbackAt,
      watchdogPid: j.watchdogPid,
      persisted: j.ran.persisted,
      warnings: j.ran.warnings,
    };
    const differs = await verifyOnHost(deps.platform, p.change, p.change.action === "add");
    if (differs !== null)
      return outcome({ ...base, status: "unverified", message: `${formatArgv(p.argv)} ran, but ${differs}` });
    const what = p.change.action === "add" ? "is in the table" : "is gone from the table";
    return outcome({
      ...base,
      status: "applied",
      message: `done and verified: ${p.change.destination} ${what}`,
    });
  }

  const undoOps = createUndo({ ...deps, clock, env, here, self, pid, refusal });
  const resetOps = createReset({ ...deps, clock, newId, host });

  return {
    liveOnly: deps.liveOnly ?? null,
    async prepare(change, analysis) {
      try {
        const prepared = await prepareChange(
          { platform: deps.platform, env, persistence: deps.persistence, liveOnly: deps.liveOnly },
          change,
          analysis,
        );
        const refused = refusal(cliArgs(prepared.change, [], shellOf(deps.platform.os)), prepared.argv);
        const faithful = deps.exactRoutes ? await faithfulRevert(deps.exactRoutes, prepared) : null;
        if (typeof faithful === "string") return { ...prepared, refusal: refused ?? faithful };
        return { ...prepared, ...(faithful ? { revertArgv: faithful } : {}), refusal: refused };
      } catch (e) {
        if (e instanceof ValidationError) return e;
        throw e;
      }
    },
    apply,
    applyExtra: async (x, opts) => {
      const out = await applyExtra({ ...journaled, runner: deps.runner, refusal }, x, opts);
      if (out.id) mine.add(out.id);
      return out;
    },
    keep: (id) => keepChanges({ journal: deps.journal, clock, pid, here, self }, id),
    prepareUndo: undoOps.prepareUndo,
    prepareGroup: undoOps.prepareGroup,
    undo: undoOps.undo,
    undoAll: undoOps.undoAll,
    revertNow: undoOps.revertNow,
    resetUnsupported: resetUnsupported(deps.platform),
    prepareReset: resetOps.prepareReset,
    reset: resetOps.reset,
    settle: undoOps.settle,
    entry: (id) => undoOps.entry(id, clock()),
    status: () => journalStatus(deps.journal, here, clock()),
  };
}
