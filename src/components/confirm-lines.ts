// The confirmation as lines: the exact commands whole (wrapped, never cut),
// the operator's own session first and in words, then what can be left out
// when the terminal is short (the revert, other flows, the snippet).

import { formatArgv, waysLines } from "../app/change/text.js";
import type { Confirmation } from "../app/live/change-state.js";
import { impactText } from "../app/live/change-view.js";
import { type Glyphs, plain } from "./glyphs.js";
import type { Line } from "./Pane.js";
import { wrap } from "./wrap.js";

type Row = Line & { optional?: boolean };

export function confirmLines(c: Confirmation, width: number, height: number, g: Glyphs): Line[] {
  const rows: Row[] = [];
  const add = (text: string, style: Omit<Row, "text"> = {}) => {
    for (const t of wrap(g, text, width, "    ")) rows.push({ ...style, text: t });
  };
  const step = c.step ? ` (change ${c.step.index} of ${c.step.count})` : "";
  add(`Confirm: ${c.title}${step}`, { bold: true });
  if (c.refusal) add(`REFUSED, nothing will run: ${c.refusal}`, { bold: true, color: "red" });
  add(c.refusal ? "it would run exactly:" : "dualhome will run exactly:");
  for (const argv of c.commands) add(`  ${formatArgv(argv)}`, { bold: true, color: "cyan" });
  const mine = c.impact.filter((r) => r.operatorSession);
  for (const r of mine) add(`  ${impactText(r)}`, { bold: true, color: "red" });
  if (c.persistence) add(`persistence: ${c.persistence.note}`);
  if (c.rollbackAfterS > 0 && !c.refusal)
    add(`rollback: reverts by itself ${c.rollbackAfterS} s after it is applied unless you press c (keep)`);
  const others = c.impact.filter((r) => !r.operatorSession);
  if (c.payload.kind === "reset")
    add("impact: only these connects close; nothing else changes, and no route");
  else
    add(
      c.impact.length === 0
        ? "impact: no live connection changes card or gateway"
        : `impact: ${c.impact.length} live connection${c.impact.length === 1 ? "" : "s"} would move${mine.length ? " (yours above)" : ""}:`,
    );
  for (const l of waysLines(c.ways)) add(`  ${l}`);
  const optional = (text: string, style: Omit<Row, "text"> = {}) => add(text, { ...style, optional: true });
  for (const r of others) optional(`  ${impactText(r)}`);
  for (const w of c.warnings) add(`warning: ${w}`, { color: "yellow" });
  if (c.revert.length > 0) optional(`to revert it: ${c.revert.map(formatArgv).join("; ")}`, { dim: true });
  for (const l of c.persistence?.snippet?.split("\n") ?? []) optional(`    ${l}`, { dim: true });
  const footer = c.refusal
    ? "n or Esc closes: nothing will run"
    : `y apply ${g.sep} n or Esc cancel${c.operatorAffected ? `   ${g.wrong} THIS MAY CUT YOUR OWN SESSION` : ""}`;
  const fit = Math.max(2, height - 1);
  if (rows.length > fit) {
    // Leave out optional lines from the end until the rest fits, and say so.
    let drop = rows.length - fit + 1;
    for (let i = rows.length - 1; i >= 0 && drop > 0; i--)
      if (rows[i]?.optional) {
        rows.splice(i, 1);
        drop--;
      }
    rows.push({ text: `  ${g.more} more not shown (a taller terminal shows all)`, dim: true });
  }
  return [...rows.slice(0, fit), { text: plain(g, footer), bold: true, inverse: true }];
}
