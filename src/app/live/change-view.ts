// Prepared changes and their outcomes as the TUI shows them: the confirmation
// (built from the very argv arrays apply() runs), the impact in words, the
// outcome lines and the countdown.
import type { ImpactRow } from "../../core/impact.js";
import type { RouteChange } from "../../core/model.js";
import { describeChange } from "../../system/journal/describe.js";
import type {
  ApplyOutcome,
  PreparedChange,
  PreparedReset,
  PreparedUndo,
  ResetFlow,
  UndoOutcome,
} from "../change/runner.js";
import type { ChangeOutcome, Confirmation, PendingRollback } from "./change-state.js";

export function confirmChange(
  p: PreparedChange,
  rest: RouteChange[],
  step: Confirmation["step"],
  rollbackAfterS: number,
): Confirmation {
  return {
    title: describeChange(p.change),
    commands: [p.argv, ...(p.persistArgv ? [p.persistArgv] : [])],
    revert: [p.revertArgv, ...(p.persistRevertArgv ? [p.persistRevertArgv] : [])],
    impact: p.impact,
    ways: p.ways,
    operatorAffected: p.operatorAffected,
    persistence: {
      note: p.persistenceNote,
      ...(p.persistenceSnippet !== undefined ? { snippet: p.persistenceSnippet } : {}),
    },
    warnings: p.warnings,
    refusal: p.refusal,
    rollbackAfterS,
    step,
    payload: { kind: "change", prepared: p, rest },
  };
}

export function confirmUndo(u: PreparedUndo): Confirmation {
  return {
    title: `undo ${u.description}`,
    commands: u.commands,
    revert: [],
    impact: u.impact,
    operatorAffected: u.operatorAffected,
    persistence: null,
    warnings: [],
    refusal: u.refusal,
    rollbackAfterS: 0,
    step: null,
    payload: { kind: "undo", prepared: u },
  };
}

const endpoint = (e: { address: string; port: number }) =>
  e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;

const way = (w: { interface: string | null; gateway: string | null }) =>
  w.interface ? `${w.interface}${w.gateway ? ` via ${w.gateway}` : " on-link"}` : "no route";

/** "SSH" or "RDP": which of the operator's sessions it is, said in words. */
function sessionKind(r: ImpactRow): string {
  return r.connection.local.port === 3389 ? "RDP" : "SSH";
}

/** One flow that would move; the operator's own session is said loudly, not by colour alone. */
export function impactText(r: ImpactRow): string {
  const c = r.connection;
  const flow = `${c.protocol} ${endpoint(c.local)} -> ${endpoint(c.remote)} ${c.state}`;
  const move = `${way(r.before)} -> ${way(r.after)}`;
  return r.operatorSession
    ? `!!! YOUR OWN ${sessionKind(r)} SESSION: ${flow} moves ${move}: this change may cut you off !!!`
    : `${flow}: ${move}`;
}

function withWarnings(lines: string[], warnings: readonly string[]): string[] {
  return [...lines, ...warnings.map((w) => `warning: ${w}`)];
}

export function applyOutcome(
  out: ApplyOutcome,
  p: PreparedChange,
): { outcome: ChangeOutcome; rollback?: PendingRollback } {
  const what = describeChange(p.change);
  const rollback =
    out.id !== null && out.rollbackAt !== null ? { id: out.id, what, rollbackAt: out.rollbackAt } : undefined;
  switch (out.status) {
    case "applied":
      return { outcome: { ok: true, lines: withWarnings([out.message], out.warnings) }, ...opt(rollback) };
    case "unverified":
      return {
        outcome: { ok: false, lines: withWarnings([out.message, "look at the Routes pane"], out.warnings) },
        ...opt(rollback),
      };
    case "refused":
      return { outcome: { ok: false, lines: [out.message] } };
    case "failed": {
      const said = /nothing was changed/.test(out.message);
      const lines = [`${what} failed: ${out.message}`, ...(said ? [] : ["nothing was changed"])];
      return { outcome: { ok: false, lines } };
    }
  }
}

function opt<T>(v: T | undefined): { rollback?: T } {
  return v === undefined ? {} : { rollback: v };
}

export function undoOutcome(out: UndoOutcome): ChangeOutcome {
  const ok = out.status === "reverted";
  const lines = [out.message, ...out.warnings.map((w) => `warning: ${w}`)];
  if (out.status === "failed") lines.push("the route is as it was before the undo");
  return { ok, lines };
}

/** "reverting in 57 s unless you press c: route add 10.0.0.0/8 …": the key first, for narrow consoles. */
export function countdownText(r: PendingRollback, now: number): string {
  const left = Math.ceil((r.rollbackAt - now) / 1000);
  if (left <= 0) return `reverting now (the time to keep it is over): ${r.what}`;
  return `reverting in ${left} s unless you press c (keep): ${r.what} · u undoes it now`;
}

export function confirmReset(p: PreparedReset): Confirmation {
  const n = p.flows.length;
  return {
    title: `reset ${n} connect${n === 1 ? "" : "s"} stuck in SYN_SENT`,
    commands: p.commands,
    revert: [],
    impact: [],
    operatorAffected: false,
    persistence: null,
    warnings: [
      "not revertible: a closed connection cannot be reopened; the service's next try opens a new one",
    ],
    refusal: p.refusal,
    rollbackAfterS: 0,
    step: null,
    payload: { kind: "reset", prepared: p },
  };
}

/** After a change that moved stuck connects: the offer to reset them, or why it cannot be made. */
export function resetHint(flows: readonly ResetFlow[], unsupported: string | null): string | null {
  const first = flows[0];
  if (!first) return null;
  const n = flows.length;
  const what = `${n} connect${n === 1 ? "" : "s"} stuck in SYN_SENT still wait${n === 1 ? "s" : ""} on ${first.from ?? "the old way"}`;
  const to = first.to ?? "the new route";
  if (unsupported) return `${what} until the service tries again (then ${to}): ${unsupported}`;
  return `${what}: x resets ${n === 1 ? "it" : "them"} now, so the service's next try leaves by ${to} (not revertible)`;
}
