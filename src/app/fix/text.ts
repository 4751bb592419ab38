// The guided fix in words: the confirmation's lines, the proof's, a step's
// outcome. Shared by the wizard's views and the summary, so both say the same.
import { endpointText } from "../../core/classify.js";
import type { ImpactRow } from "../../core/impact.js";
import { formatArgv } from "../change/text.js";
import { clockText, plural } from "./facts.js";
import type { ConfirmView, ProofView, StepRecord, StepStatus } from "./types.js";

const way = (w: { interface: string | null; gateway: string | null }) =>
  w.interface ? `${w.interface}${w.gateway ? ` via ${w.gateway}` : " on-link"}` : "no route";

/** The impact, the operator's own session first and loudly. */
function impactText(rows: readonly ImpactRow[]): string[] {
  if (rows.length === 0) return ["impact: no live connection changes card or gateway"];
  const out = [`impact: ${plural(rows.length, "live connection")} would move:`];
  for (const r of rows.slice(0, 6)) {
    const c = r.connection;
    const flow = `${endpointText(c.local)} -> ${endpointText(c.remote)} ${c.state}: ${way(r.before)} -> ${way(r.after)}`;
    out.push(
      r.operatorSession ? `  !!! YOUR OWN SESSION: ${flow}: this may cut your connection !!!` : `  ${flow}`,
    );
  }
  if (rows.length > 6) out.push(`  … and ${rows.length - 6} more`);
  return out;
}

/** The confirmation, without the persistence snippet (views fit it to the room left). */
export function confirmText(v: ConfirmView, self = "dualhome"): string[] {
  const out = ["dualhome will run:", ...v.argv.map((a) => `  ${formatArgv(a)}`)];
  if (v.revert.length > 0) out.push("to revert it:", ...v.revert.map((a) => `  ${formatArgv(a)}`));
  out.push(...impactText(v.impact));
  for (const w of v.warnings) out.push(`warning: ${w}`);
  if (v.refusal) out.push(`will not run: ${v.refusal}`);
  else if (v.rollbackAfterS > 0)
    out.push(
      `rollback: reverts by itself ${v.rollbackAfterS} s after it is applied unless you press c (keep)`,
    );
  else out.push(`no automatic rollback (--rollback-after 0): ${v.undoWith ?? `\`${self} undo\` reverts it`}`);
  out.push(`persistence: ${v.persistence}`);
  return out;
}

const STATUS_WORDS: Record<StepStatus, string> = {
  pending: "not applied",
  already: "already in place",
  skipped: "skipped",
  refused: "not run",
  failed: "failed",
  applied: "applied",
  unverified: "ran, not verified",
  kept: "applied and kept",
  reverted: "reverted",
};

export function recordLine(r: StepRecord): string {
  const id = r.id ? ` (journal ${r.id})` : "";
  const when = r.at !== null ? ` at ${clockText(r.at)}` : "";
  return `${STATUS_WORDS[r.status]}${id}${when}${r.message ? `: ${r.message}` : ""}`;
}

/** "10.1.1.20:5061 connected in 3 ms from 192.168.1.11 via int (gateway 192.168.1.254) at 12:00:40 UTC". */
export function proofLine(p: ProofView): string {
  if (!p.target) return "no proof asked for (no internal host:port was given)";
  const target = `${p.target.host}:${p.target.port}`;
  const r = p.result;
  if (!r) return `${target}: no probe (this host cannot probe)`;
  if (r.outcome === "error") return `${target}: probe failed: ${r.error ?? "unknown error"}`;
  const how =
    r.outcome === "connected"
      ? `connected in ${r.ms} ms`
      : r.outcome === "refused"
        ? "refused (the host answered, nothing listens on that port)"
        : `timed out in SYN_SENT after ${(r.ms / 1000).toFixed(1)} s`;
  const from = r.source ? ` from ${r.source}` : "";
  const via = p.card ? ` via ${p.card}${p.gateway ? ` (gateway ${p.gateway})` : ""}` : "";
  return `${target} ${how}${from}${via} at ${clockText(p.at)}`;
}

export function countsLine(p: ProofView): string {
  const now = p.wrongNow === null ? "not re-read" : String(p.wrongNow);
  const when = p.polledAt !== null ? ` (read ${clockText(p.polledAt)})` : "";
  const right =
    p.rightNow !== null
      ? `; ${plural(p.rightNow, "flow")} to the internal ranges ${p.rightNow === 1 ? "leaves" : "leave"} by the right card`
      : "";
  return `flows leaving the wrong card: ${p.wrongBefore} before, ${now} now${when}${right}`;
}
