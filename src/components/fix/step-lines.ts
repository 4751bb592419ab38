// What the wizard shows from the plan on: the steps with why, each step's
// confirmation and rollback countdown, the proof and the summary.
import { confirmText, countsLine, proofLine, recordLine } from "../../app/fix/text.js";
import type { FixState, PlanStep } from "../../app/fix/types.js";
import type { Glyphs } from "../glyphs.js";
import { wrap } from "../wrap.js";
import type { Line } from "./ask-lines.js";

const lines = (texts: readonly string[], more: Partial<Line> = {}): Line[] =>
  texts.map((text) => ({ text, ...more }));

function mark(step: PlanStep): string {
  if (step.kind === "manual") return "(by hand)";
  return step.enabled ? "[x]" : "[ ]";
}

function stepTitle(s: FixState, i: number): string {
  const todo = s.plan.filter((p) => p.enabled && p.kind !== "manual").length;
  const n = s.plan.slice(0, i + 1).filter((p) => p.enabled && p.kind !== "manual").length;
  return `Step ${n} of ${todo}: ${s.plan[i]?.title ?? ""}`;
}

export function planLines(s: FixState, g: Glyphs, width: number, height: number): Line[] {
  const p = s.phase;
  const cursor = p.kind === "plan" ? p.cursor : 0;
  if (s.plan.length === 0)
    return [
      { text: "The plan: nothing to change: the routing table already matches the intent.", bold: true },
      { text: "Enter goes on to the proof." },
    ];
  const step = s.plan[cursor];
  const why = step
    ? [
        ...wrap(g, `why: ${step.why}`, width, "  "),
        ...(step.manual ?? []).flatMap((m) => wrap(g, `  ${m}`, width, "  ")),
      ]
    : [];
  const room = Math.max(3, height - 2 - why.length);
  const first = Math.max(0, Math.min(cursor - Math.floor(room / 2), s.plan.length - room));
  const list = s.plan.slice(first, first + room).map((x, k) => {
    const i = first + k;
    const opt = x.optional && x.kind !== "manual" ? " (optional)" : "";
    return {
      text: `${i === cursor ? g.probe : " "} ${mark(x)} ${i + 1}. ${x.title}${opt}`.slice(0, width),
      ...(i === cursor ? { bold: true } : {}),
      ...(x.enabled || x.kind === "manual" ? {} : { dim: true }),
    };
  });
  return [{ text: `The plan (${s.plan.length} steps):`, bold: true }, ...list, ...lines(why, { dim: true })];
}

export function stepLines(s: FixState, g: Glyphs, width: number, height: number): Line[] {
  const p = s.phase;
  if (!("step" in p)) return [];
  const step = s.plan[p.step];
  const head: Line = { text: stepTitle(s, p.step), bold: true };
  const why = lines(wrap(g, `why: ${step?.why ?? ""}`, width, "  "), { dim: true });
  if (p.kind === "preparing") return [head, { text: "reading the table and preparing the exact command…" }];
  if (p.kind === "applying") return [head, { text: "applying…" }];
  if (p.kind === "confirm") {
    const loud: Line[] = p.view.operatorAffected
      ? [{ text: "!!! THIS MAY CUT YOUR OWN SESSION: see the impact below !!!", color: "red", bold: true }]
      : [];
    const body = lines(confirmText(p.view).flatMap((t) => wrap(g, t, width, "    ")));
    const shown = [head, ...loud, ...why, ...body];
    const snippet = (p.view.snippet ?? "")
      .split("\n")
      .filter(Boolean)
      .map((t) => `    ${t}`);
    const room = height - shown.length;
    if (snippet.length === 0 || room <= 0) return shown;
    const fit =
      snippet.length <= room
        ? snippet
        : [...snippet.slice(0, room - 1), "    … (all of it is in the summary)"];
    return [
      ...shown,
      ...lines(
        fit.map((t) => t.slice(0, width)),
        { dim: true },
      ),
    ];
  }
  if (p.kind !== "keep") return [head];
  const r = s.records[p.step];
  const out: Line[] = [head, ...lines(wrap(g, r ? recordLine(r) : "", width, "  "), { color: "green" })];
  if (p.check)
    out.push(
      ...lines(wrap(g, p.check, width, "  "), {
        color: p.check.includes("looks right") ? "green" : "yellow",
      }),
    );
  if (p.rollbackAt !== null) {
    const left = Math.max(0, Math.ceil((p.rollbackAt - s.now) / 1000));
    out.push({ text: `It reverts by itself in ${left} s unless you press c (keep).`, bold: true });
  }
  return out;
}

export function resultLines(s: FixState, g: Glyphs, width: number, height: number): Line[] {
  const p = s.phase;
  const target = s.answers.proof;
  if (p.kind === "proving")
    return [
      {
        text: target
          ? `Proving: connecting to ${target.host}:${target.port}…`
          : "Reading the connections again…",
      },
    ];
  if (p.kind === "writing") return [{ text: "Writing the policy file and the summary…" }];
  if (p.kind === "fatal")
    return lines(wrap(g, `dualhome fix stopped: ${p.message}`, width, "  "), { color: "red" });
  const proof = s.proof;
  const out: Line[] = [];
  if (proof) {
    const ok = proof.ok ? `${g.ok} proven:` : `${g.wrong} not proven:`;
    out.push(
      ...lines(wrap(g, `${ok} ${proofLine(proof)}`, width, "  "), {
        color: proof.ok ? "green" : "yellow",
        bold: true,
      }),
    );
    out.push(...lines(wrap(g, countsLine(proof), width, "  ")));
    if (proof.note) out.push(...lines(wrap(g, `(${proof.note})`, width, "  "), { dim: true }));
  }
  if (s.stopped)
    out.push(...lines(wrap(g, `stopped before the end: ${s.stopped}`, width, "  "), { color: "yellow" }));
  if (p.kind === "proved") return out;
  const f = s.files;
  out.push({ text: `policy file: ${f.policy ?? "not written"}`, bold: true });
  out.push({ text: `summary:     ${f.summary ?? "not saved"}`, bold: true });
  for (const e of f.errors) out.push(...lines(wrap(g, e, width, "  "), { color: "yellow" }));
  const room = Math.max(0, height - out.length - 1);
  const summary = (s.summary ?? "").split("\n").flatMap((t) => wrap(g, t, width, "    "));
  if (room > 0) out.push({ text: "" }, ...lines(summary.slice(0, room - 1), { dim: true }));
  return out;
}
