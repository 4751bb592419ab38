// `intent-ambiguous`: without a policy file, a host that does not tell which card
// carries the private ranges (two default routes, the internet card inside the
// ranges the guess would move, no gateway known for the other card). Saying so and
// asking beats proposing a change that may cut a healthy host off.
import type { FindingContext } from "./findings-context.js";
import type { Finding } from "./model.js";
import { INTERNAL_RULE } from "./policy-infer.js";

export function intentAmbiguousFindings(ctx: FindingContext): Finding[] {
  const { intent } = ctx;
  if (intent.basis !== "inferred" || intent.ambiguous.length === 0) return [];
  const internal = ctx.expecter.rules.find((r) => r.name === INTERNAL_RULE);
  const guess = intent.guess ? `; the nearest guess would be: ${intent.guess}` : "";
  return [
    {
      id: "intent-ambiguous",
      severity: "warning",
      basis: "inferred",
      message:
        `which card should carry the private ranges cannot be told from this host: ${intent.ambiguous.join("; ")}${guess}. ` +
        "Not guessing: no route change is proposed, and a flow the guess calls wrong (basis inferred) is an error only when seen to suffer. " +
        "Answer the guided fix's questions (`dualhome fix`: the internal card, its gateway, the ranges) or give a --policy file",
      subject: internal?.card?.name ?? "policy",
      fix: [],
    },
  ];
}
