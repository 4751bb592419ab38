// Findings about policy destinations: which leave by the wrong card
// (`wrong-nic-route`) and which routes name the right gateway on the wrong card
// (`route-not-pinned`, what `route add` without `IF` does on Windows).
import {
  describeWay,
  type Expecter,
  judge,
  matchPolicy,
  matchPolicyAddr,
  type PolicyMatch,
  type ResolvedRule,
} from "./expect.js";
import { type FindingContext, flowText, plural } from "./findings-context.js";
import { pinPlan } from "./findings-pin.js";
import { HOW_TO_CONFIRM, isSynSent } from "./intent.js";
import { type Addr, formatAddr, parsePrefix, prefixContainsPrefix } from "./ip.js";
import { lookup } from "./lookup.js";
import type { Basis, ClassifiedConnection, Finding, LookupResult, RouteChange, Severity } from "./model.js";

function offset(a: Addr, n: number): Addr {
  if (a.family === 4) return { family: 4, v: (a.v + n) >>> 0 };
  return { family: 6, v: (a.v + BigInt(n)) & ((1n << 128n) - 1n) };
}

/** An address inside `prefix` that this rule (not a longer one, not a connected subnet) governs. */
function probeAddress(ctx: FindingContext, rule: ResolvedRule, prefix: string): string | null {
  const p = parsePrefix(prefix);
  if (!p || p.len === 0) return null;
  const size = p.addr.family === 4 ? 32 : 128;
  const hostBits = size - p.len;
  const last =
    hostBits >= 2 ? (p.addr.family === 4 ? 2 ** hostBits - 2 : 2 ** Math.min(hostBits, 52) - 2) : 0;
  for (const n of [1, 0, last]) {
    if (hostBits === 0 && n !== 0) continue;
    const text = formatAddr(offset(p.addr, n));
    const m = matchPolicy(ctx.expecter, text);
    if (m.kind === "rule" && m.rule === rule && m.prefix === prefix) return text;
  }
  return null;
}

function wrongNicFinding(
  ctx: FindingContext,
  rule: ResolvedRule,
  prefix: string,
  flows: ClassifiedConnection[],
): Finding | null {
  const card = rule.card;
  if (!card) return null;
  const probe = probeAddress(ctx, rule, prefix);
  const res = probe ? lookup(ctx.index, { destination: probe }) : null;
  const tableWrong =
    res !== null && (res.type !== "unicast" || judge({ kind: "rule", rule, prefix }, res).match === false);
  if (!tableWrong && flows.length === 0) return null;
  const wants = describeWay({ interface: card.name, gateway: rule.gateway }, true);
  const first = flows[0];
  const example = first ? ` (${plural(flows.length, "flow")}, e.g. ${flowText(first)})` : "";
  let message: string;
  if (res && tableWrong)
    message =
      res.type === "unicast"
        ? `${prefix} leaves ${describeWay(res)}; policy wants ${wants}${example}`
        : `${prefix} has no usable route (${res.type}); policy wants ${wants}${example}`;
  else
    message =
      `${plural(flows.length, "flow")} to ${prefix} ${flows.length === 1 ? "leaves" : "leave"} ${describeWay(first?.egress ?? res ?? { interface: null, gateway: null })}` +
      ` although new connections leave by ${wants}: they are bound to another card's address` +
      ` (restart them; check the application's bind address and DNS)${first ? `, e.g. ${flowText(first)}` : ""}`;
  const sure = confidence(ctx, rule, prefix, flows);
  // An ambiguous guess is worth a finding only where the traffic is seen to suffer.
  const doubt = ctx.intent.basis === "inferred" ? ctx.intent.ambiguous : [];
  if (doubt.length > 0 && sure.basis !== "evidence") return null;
  let fix: RouteChange[] = [];
  const elsewhere = decidedOutsideMain(ctx, res);
  // A route in main would never be read there: the pinned route goes into that table.
  if (elsewhere)
    message += `; ip rule ${elsewhere.rule} sends new connections to table ${elsewhere.table}, read before main: the fix goes there`;
  if (rule.gateway === null)
    message += `; the gateway for ${card.name} is unknown: give it in a --policy file or when fixing`;
  else if (doubt.length > 0)
    message += `; no fix proposed: the intent is ambiguous (${doubt.join("; ")}); answer \`dualhome fix\`'s questions or give a --policy file`;
  else
    fix = pinPlan(ctx, {
      prefix,
      card: card.name,
      gateway: rule.gateway,
      ...(elsewhere ? { table: elsewhere.table } : {}),
      destinations: [
        ...(probe && tableWrong ? [probe] : []),
        ...flows.slice(0, 64).map((f) => f.remote.address),
      ],
    });
  const { severity, basis, note } = sure;
  return { id: "wrong-nic-route", severity, basis, message: message + note, subject: prefix, fix };
}

/**
 * A policy file makes a wrong card an error. A guessed intent is a warning that
 * names the guess, an error only when the traffic is seen to suffer there: a SYN
 * unanswered, or a probe that timed out, on the card the guess calls wrong.
 */
function confidence(
  ctx: FindingContext,
  rule: ResolvedRule,
  prefix: string,
  flows: readonly ClassifiedConnection[],
): { severity: Severity; basis: Basis; note: string } {
  if (ctx.intent.basis === "policy") return { severity: "error", basis: "policy", note: "" };
  const syns = flows.filter((f) => f.protocol === "tcp" && isSynSent(f.state)).length;
  const probes = (ctx.probeTimeouts ?? []).filter((p) => {
    const m = matchPolicy(ctx.expecter, p.address);
    return m.kind === "rule" && m.rule === rule && m.prefix === prefix && p.interface !== rule.card?.name;
  });
  if (syns + probes.length > 0) {
    const seen = [
      ...(syns ? [`${plural(syns, "SYN")} unanswered`] : []),
      ...(probes.length ? [`${plural(probes.length, "probe")} timed out`] : []),
    ].join(" and ");
    // The flows name an example of their own; a probe is gone once it timed out, so say which one.
    const last = probes.at(-1);
    const example = last
      ? ` (${probes.length > 1 ? "e.g. " : ""}to ${last.address} by ${last.interface ?? "an unknown card"})`
      : "";
    return {
      severity: "error",
      basis: "evidence",
      note: `; inferred intent, confirmed: ${seen} there${example}`,
    };
  }
  const guess = ctx.intent.guess ? `${ctx.intent.guess}; ` : "";
  return {
    severity: "warning",
    basis: "inferred",
    note: `; inferred, not confirmed: ${guess}${HOW_TO_CONFIRM}`,
  };
}

/**
 * Linux policy routing: when a rule before `main` already decides where a new
 * connection goes (a table of its own), a pinned route in main would never be read:
 * that table is where the fix belongs.
 * Only new connections count: they are looked up without a source, so a rule on the
 * source address of flows that exist (`from 192.168.1.10 lookup 100`) does not stop
 * a route in main from fixing the retries.
 */
function decidedOutsideMain(
  ctx: FindingContext,
  res: LookupResult | null,
): { rule: number; table: string } | null {
  if (ctx.os !== "linux" || !res?.table || res.table === "main" || res.rule === undefined || !res.route)
    return null;
  const mainAt = Math.min(
    ...ctx.index.rules.filter((r) => r.action === "lookup" && r.table === "main").map((r) => r.priority),
  );
  return res.rule < mainAt ? { rule: res.rule, table: res.table } : null;
}

/** Per policy and flow object: flows handed out again poll after poll are matched once. */
const matches = new WeakMap<Expecter, WeakMap<ClassifiedConnection, PolicyMatch>>();

function matchOf(exp: Expecter, c: ClassifiedConnection): PolicyMatch {
  let memo = matches.get(exp);
  if (!memo) {
    memo = new WeakMap();
    matches.set(exp, memo);
  }
  let m = memo.get(c);
  if (!m) {
    m = matchPolicy(exp, c.remote.address);
    memo.set(c, m);
  }
  return m;
}

export function wrongNicRouteFindings(ctx: FindingContext): Finding[] {
  const flowsBy = new Map<string, ClassifiedConnection[]>();
  for (const c of ctx.connections) {
    if (c.verdict !== "wrong-nic") continue;
    const m = matchOf(ctx.expecter, c);
    if (m.kind !== "rule") continue;
    const key = `${ctx.expecter.rules.indexOf(m.rule)} ${m.prefix}`;
    const list = flowsBy.get(key);
    if (list) list.push(c);
    else flowsBy.set(key, [c]);
  }
  const out: Finding[] = [];
  ctx.expecter.rules.forEach((rule, i) => {
    for (const { text } of rule.prefixes) {
      const f = wrongNicFinding(ctx, rule, text, flowsBy.get(`${i} ${text}`) ?? []);
      if (f) out.push(f);
    }
  });
  return out;
}

export function routeNotPinnedFindings(ctx: FindingContext): Finding[] {
  // Which card is right is the whole question when the guess is in doubt.
  if (ctx.intent.basis === "inferred" && ctx.intent.ambiguous.length > 0) return [];
  const gateways = new Set(ctx.expecter.rules.map((r) => r.gateway).filter((g) => g !== null));
  const out: Finding[] = [];
  // Built once: a scan of the table for each route made 200k routes take minutes.
  let pinned: Set<string> | null = null;
  const twinKey = (destination: string, gateway: string | null, card: string | null) =>
    `${destination} ${gateway ?? ""} ${card ?? ""}`;
  for (const r of ctx.routes) {
    if (r.type !== "unicast" || !r.gateway || !r.interface || !gateways.has(r.gateway)) continue;
    const p = parsePrefix(r.destination, { family: r.family });
    if (!p) continue;
    const m = matchPolicyAddr(ctx.expecter, p.addr);
    if (m.kind !== "rule" || !m.rule.card || m.rule.gateway !== r.gateway) continue;
    const governing = parsePrefix(m.prefix);
    if (!governing || !prefixContainsPrefix(governing, p)) continue;
    const card = m.rule.card.name;
    if (r.interface === card) continue;
    pinned ??= new Set(ctx.routes.map((t) => twinKey(t.destination, t.gateway, t.interface)));
    const twin = pinned.has(twinKey(r.destination, r.gateway, card));
    const fix: RouteChange[] = [
      {
        action: "delete",
        destination: r.destination,
        gateway: r.gateway,
        interface: r.interface,
        persistent: r.persistent,
      },
    ];
    if (!twin)
      fix.push({
        action: "add",
        destination: r.destination,
        gateway: r.gateway,
        interface: card,
        persistent: true,
      });
    out.push({
      id: "route-not-pinned",
      severity: "warning",
      basis: ctx.intent.basis,
      message:
        `${r.destination} via ${r.gateway} sits on ${r.interface}, not ${card}: a gateway alone does not ` +
        `choose the card (${m.rule.name === "" ? "policy" : `rule '${m.rule.name}'`}); pin it to ${card}`,
      subject: r.destination,
      fix,
    });
  }
  return out;
}
