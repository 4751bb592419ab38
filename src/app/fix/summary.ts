// What the guided fix leaves behind: the policy file (so the next run knows the
// intent) and a summary to paste into a ticket: what was wrong, what changed
// with the exact commands, the proof, and how to undo it.
import { stringify } from "yaml";
import type { Policy } from "../../core/policy.js";
import { formatArgv } from "../change/text.js";
import { dateTimeText } from "./facts.js";
import { countsLine, proofLine, recordLine } from "./text.js";
import type { FixState, PlanStep } from "./types.js";

export function policyFileText(policy: Policy, host: string, at: number, json: boolean): string {
  const rules = policy.rules.map((r) => ({
    name: r.name,
    destinations: r.destinations,
    interface: r.interface,
    gateway: r.gateway ?? null,
  }));
  if (json) return `${JSON.stringify({ rules }, null, 2)}\n`;
  return (
    `# dualhome policy: which card each destination should leave by.\n` +
    `# Written by \`dualhome fix\` on ${host}, ${dateTimeText(at)}. Use it with: dualhome --policy <this file>\n` +
    stringify({ rules })
  );
}

interface SummaryContext {
  user: string;
  self: string;
  policyPath: string | null;
  summaryPath: string | null;
  /** Renders a route change's argv for steps that never got as far as a confirmation. */
  argvOf: (step: PlanStep) => string[][];
  undoHint?: string;
}

function stepLines(s: FixState, ctx: SummaryContext): string[] {
  const out: string[] = [];
  s.plan.forEach((step, i) => {
    const r = s.records[i];
    if (step.kind === "manual") return;
    if (step.optional && !step.enabled && r?.status === "pending") return;
    out.push(`  ${i + 1}. ${step.title}: ${r ? recordLine(r) : "not applied"}`);
    const argv = r && r.argv.length > 0 ? r.argv : ctx.argvOf(step);
    for (const a of argv) out.push(`       ${formatArgv(a)}`);
    const keeps = r?.status === "kept" || r?.status === "applied" || r?.status === "unverified";
    // Spelled out although `undo` reverts them too: sysctls and rules are easy to lose track of.
    if (keeps && step.commands)
      out.push(
        `       its revert${r?.id ? ` (journal ${r.id})` : ""}, which \`${ctx.self} undo\` runs in turn:`,
        ...[...step.commands].reverse().map((c) => `         ${formatArgv(c.revert)}`),
      );
    if (keeps && r?.persistence) {
      out.push(`       persistence: ${r.persistence.note}`);
      if (r.persistence.snippet) out.push(...r.persistence.snippet.split("\n").map((l) => `         ${l}`));
    }
  });
  return out.length > 0 ? out : ["  nothing: the routing table already matched the intent"];
}

function byHand(s: FixState): string[] {
  const out: string[] = [];
  for (const step of s.plan) {
    if (step.kind === "manual")
      out.push(`  - ${step.title}`, ...(step.manual ?? []).map((l) => `      ${l}`));
    else if (step.optional && !step.enabled) out.push(`  - optional, not applied: ${step.title}`);
  }
  return out;
}

export function summaryText(s: FixState, ctx: SummaryContext): string {
  const a = s.answers;
  const head = `dualhome fix on ${s.host} (${s.os}${s.platform === s.os ? "" : `, ${s.platform}`}), ${dateTimeText(s.now)}${ctx.user ? `, by ${ctx.user}` : ""}`;
  const lines = [head, "", "What was wrong"];
  lines.push(
    ...(s.wrongAtPlan.length > 0 ? s.wrongAtPlan.map((w) => `  - ${w}`) : ["  - nothing the engine flags"]),
  );
  lines.push("", "Intent");
  lines.push(
    `  internal ranges ${a.ranges?.join(", ") ?? "?"} leave by ${a.card ?? "?"} via ${a.gateway ?? "?"}`,
  );
  lines.push(`  policy file: ${ctx.policyPath ?? "not written"}`);
  // A change that was counting down was settled first, so the plan and this summary are made from the table as it stays.
  if (s.before.length > 0)
    lines.push("", "Counting down when the fix started", ...s.before.map((l) => `  - ${l}`));
  lines.push("", "What changed", ...stepLines(s, ctx));
  if (s.stopped) lines.push(`  stopped before the end: ${s.stopped}`);
  const manual = byHand(s);
  if (manual.length > 0) lines.push("", "Not done by dualhome", ...manual);
  lines.push("", "Proof");
  if (s.proof) {
    lines.push(`  ${s.proof.ok ? "OK" : "NOT PROVEN"}: ${proofLine(s.proof)}`, `  ${countsLine(s.proof)}`);
    if (s.proof.note) lines.push(`  (${s.proof.note})`);
  } else lines.push("  not run");
  // The steps share a group in the journal: one undo of any of them reverts them all.
  const applied = s.records.find((r) => r?.id && ["kept", "applied", "unverified"].includes(r.status));
  const undo =
    ctx.undoHint ??
    (applied?.id
      ? `${ctx.self} undo ${applied.id} reverts every step of this fix still applied, newest first (${ctx.self} journal lists them)`
      : `${ctx.self} journal lists the changes; ${ctx.self} undo reverts the last one`);
  lines.push("", "Undo", `  ${undo}`);
  if (ctx.summaryPath) lines.push("", `This summary: ${ctx.summaryPath}`);
  return `${lines.join("\n")}\n`;
}
