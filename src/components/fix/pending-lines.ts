// The guided fix's first question when a change still counts down: the plan
// would otherwise count a route its watchdog is about to take away.
import type { FixState } from "../../app/fix/types.js";
import type { Glyphs } from "../glyphs.js";
import { wrap } from "../wrap.js";
import type { Line } from "./ask-lines.js";

function countdown(rollbackAt: number, overdue: boolean, now: number): string {
  if (overdue) return "was due to revert, but nothing reverted it yet: its watchdog may be late or gone";
  const left = Math.ceil((rollbackAt - now) / 1000);
  return left > 0 ? `reverts by itself in ${left} s` : "is reverting now";
}

export function pendingLines(s: FixState, g: Glyphs, width: number): Line[] {
  const p = s.phase;
  if (p.kind !== "pending") return [];
  const one = p.changes.length === 1;
  const out: Line[] = [
    {
      text: one
        ? "A change is still counting down: keep it or revert it before the fix looks"
        : `${p.changes.length} changes are still counting down: keep them or revert them before the fix looks`,
      bold: true,
      color: "yellow",
    },
  ];
  for (const c of p.changes)
    out.push(
      ...wrap(
        g,
        `  ${g.warning} ${c.what} (${c.id}) ${countdown(c.rollbackAt, c.overdue, s.now)}`,
        width,
        "    ",
      ).map((text) => ({ text })),
    );
  const why =
    "The plan is made from the routing table as it will stay: a change that reverts later would be counted as " +
    "already there, and the summary would say fixed while the watchdog takes it away.";
  out.push({ text: "" }, ...wrap(g, why, width).map((text) => ({ text, dim: true })));
  return out;
}
