// The guided fix's plan: the operator's answers become a policy, the engine
// analyses the host against it, and the fixes of its findings become steps,
// each with why. Linux gets the expert extras, Windows the DNS advice.
import { analyze } from "../../core/analyze.js";
import type { Analysis, Finding, RouteChange } from "../../core/model.js";
import type { Policy, PolicyRuleSpec } from "../../core/policy.js";
import type { ExtrasArgv } from "../../system/platform.js";
import { linuxExtras, windowsDnsStep } from "./extras.js";
import { externalOf } from "./facts.js";
import type { Answers, Intent, PlanStep } from "./types.js";

export function intentOf(a: Answers): Intent | null {
  return a.card && a.gateway && a.ranges ? { card: a.card, gateway: a.gateway, ranges: a.ranges } : null;
}

/** The policy the answers say: the internal ranges via the internal card, the rest via the internet card. */
export function answeredPolicy(a: Analysis, intent: Intent): Policy {
  const rules: PolicyRuleSpec[] = [
    { name: "internal", destinations: intent.ranges, interface: intent.card, gateway: intent.gateway },
  ];
  const ext = externalOf(a, intent.card);
  if (ext?.interface)
    rules.push({
      name: "external",
      destinations: ["0.0.0.0/0"],
      interface: ext.interface,
      gateway: ext.gateway,
    });
  return { rules };
}

/** The analysis of the same snapshot against the answered policy. */
export function reanalyze(
  a: Analysis,
  policy: Policy,
  firstSeen?: ReadonlyMap<string, number>,
  now = a.snapshot.takenAt,
): Analysis {
  return analyze(a.snapshot, { policy, policySource: "answers", now, ...(firstSeen ? { firstSeen } : {}) });
}

const WRONG = new Set([
  "wrong-nic-route",
  "multiple-default-gateways",
  "route-not-pinned",
  "stuck-syn",
  "same-subnet-nics",
  "rp-filter-strict",
]);

/** What is wrong against the answered policy, in the engine's words, most severe first. */
export function whatIsWrong(answered: Analysis): string[] {
  return answered.findings.filter((f) => WRONG.has(f.id)).map((f) => f.message);
}

const PIN =
  "A pinned route names the card as well as the gateway: a gateway alone does not choose the card the packets leave by.";

function describe(c: RouteChange): string {
  const via = c.gateway ? ` via ${c.gateway}` : " on-link";
  return `${c.destination}${via} on ${c.interface ?? "any card"}${c.table ? ` in table ${c.table}` : ""}`;
}

function stepOf(f: Finding, c: RouteChange, intent: Intent, n: number): PlanStep {
  const base = { id: `route-${n}`, kind: "route" as const, optional: false, enabled: true, change: c };
  if (c.action === "add")
    return {
      ...base,
      title: `add ${describe(c)} (pinned)`,
      why: `${f.id === "wrong-nic-route" ? `${f.message}. ` : ""}${PIN}`,
    };
  if (f.id === "multiple-default-gateways")
    return {
      ...base,
      title: `remove the extra default gateway ${c.gateway ?? ""} on ${c.interface ?? "?"}`,
      why: `${f.message}. With two, the OS picks one by metric and internet traffic may leave by the internal card.`,
    };
  if (f.id === "route-not-pinned")
    return { ...base, title: `remove ${describe(c)} (not pinned to ${intent.card})`, why: `${f.message}.` };
  return {
    ...base,
    title: `remove ${describe(c)}`,
    why: `It would keep winning over the pinned route to ${intent.card} for ${f.subject ?? c.destination}.`,
  };
}

const FIXING = ["wrong-nic-route", "route-not-pinned", "multiple-default-gateways"];

/** Route steps, in the engine's order (within a finding, the order matters), without duplicates. */
function routeSteps(answered: Analysis, intent: Intent): PlanStep[] {
  const seen = new Set<string>();
  const steps: PlanStep[] = [];
  for (const id of FIXING)
    for (const f of answered.findings.filter((x) => x.id === id))
      for (const c of f.fix) {
        const key = `${c.action} ${c.destination} ${c.gateway} ${c.interface} ${c.table ?? "main"}`;
        if (seen.has(key)) continue;
        seen.add(key);
        steps.push(stepOf(f, c, intent, steps.length + 1));
      }
  return steps;
}

/** The steps: the pinned routes, then the platform's expert extras (`extras`, where it has them). */
export function buildPlan(answered: Analysis, intent: Intent, extras: ExtrasArgv | null = null): PlanStep[] {
  const steps = routeSteps(answered, intent);
  const os = answered.snapshot.os;
  if (extras) steps.push(...linuxExtras(answered, intent, extras));
  const dns = os === "windows" ? windowsDnsStep(answered, intent) : null;
  if (dns) steps.push(dns);
  return steps;
}
