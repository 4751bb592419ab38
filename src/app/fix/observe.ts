// What the guided fix says first, in plain words, before it asks anything:
// which cards share a subnet, where the default gateway is, which flows leave
// the wrong card and since when.
import { connectionKey, endpointText } from "../../core/classify.js";
import { describeWay } from "../../core/expect.js";
import type { Analysis, ClassifiedConnection } from "../../core/model.js";
import {
  addressText,
  candidateCards,
  clockText,
  defaultsOf,
  gatewayRoutesOn,
  isSynSent,
  listText,
  plural,
  sharedOf,
  wrongFlows,
} from "./facts.js";

const MAX_FLOWS = 4;
const NOTED = new Set(["same-subnet-nics", "rp-filter-strict", "route-not-pinned", "source-on-other-nic"]);

function flowLine(
  c: ClassifiedConnection,
  firstSeen: ReadonlyMap<string, number>,
  now: number,
  startedAt: number,
): string {
  const seen = firstSeen.get(connectionKey(c)) ?? now;
  const secs = Math.max(0, Math.round((now - seen) / 1000));
  // A flow already there at the first look is older than we can tell.
  const since =
    seen <= startedAt
      ? `there since dualhome first looked at ${clockText(seen)} (${secs} s at least)`
      : `since ${clockText(seen)} (${secs} s)`;
  const wants = c.expected ? `, should leave ${describeWay(c.expected, true)}` : "";
  const stuck = isSynSent(c) ? ": nobody answers" : "";
  return `${endpointText(c.local)} → ${endpointText(c.remote)} ${c.state} leaves ${describeWay(c.egress)}${wants}${stuck}; ${since}`;
}

function cardLines(a: Analysis): string[] {
  const cards = candidateCards(a);
  const out = [`Cards: ${cards.map((c) => `${c.name} ${addressText(c)}`).join("; ") || "none with IPv4"}.`];
  const shared = sharedOf(a);
  for (const s of shared)
    out.push(
      `${listText(s.cards)} share ${s.subnet}: two cards on one subnet, so only routes decide which card a packet leaves by.`,
    );
  if (shared.length === 0) out.push("No two cards share a subnet.");
  return out;
}

function gatewayLines(a: Analysis): string[] {
  const defaults = defaultsOf(a);
  if (defaults.length === 0) return ["There is no IPv4 default gateway."];
  const first = defaults[0];
  const out: string[] = [];
  if (defaults.length === 1 && first)
    out.push(
      `One default gateway: ${first.gateway ?? "on-link"} on ${first.interface}; that card faces the internet.`,
    );
  else
    out.push(
      `${defaults.length} default gateways: ${defaults.map((r) => `${r.gateway ?? "on-link"} on ${r.interface} (metric ${r.metric})`).join(", ")}. ` +
        "Only one should remain; internal networks are reached by routes pinned to their card.",
    );
  const ext = first?.interface;
  for (const c of candidateCards(a)) {
    if (c.name === ext) continue;
    const via = gatewayRoutesOn(a, c.name);
    out.push(
      via.length === 0
        ? `${c.name} has no route through a gateway: traffic for internal networks follows the default route out of ${ext}.`
        : `${c.name} has ${plural(via.length, "route")} through a gateway: ${via
            .slice(0, 3)
            .map((r) => `${r.destination} via ${r.gateway}`)
            .join(", ")}${via.length > 3 ? ", …" : ""}.`,
    );
  }
  return out;
}

export function observe(
  a: Analysis,
  firstSeen: ReadonlyMap<string, number>,
  now: number,
  startedAt: number,
): string[] {
  const out = [...cardLines(a), ...gatewayLines(a)];
  const conns = a.snapshot.connections;
  if (!conns.ok) out.push(`Connections could not be read: ${conns.error}.`);
  else {
    const wrong = wrongFlows(a).sort((x, y) => Number(isSynSent(y)) - Number(isSynSent(x)));
    if (wrong.length === 0) out.push("No flow leaves the wrong card right now.");
    else {
      out.push(`${plural(wrong.length, "flow")} ${wrong.length === 1 ? "leaves" : "leave"} the wrong card:`);
      for (const c of wrong.slice(0, MAX_FLOWS)) out.push(`  ${flowLine(c, firstSeen, now, startedAt)}`);
      if (wrong.length > MAX_FLOWS) out.push(`  … and ${wrong.length - MAX_FLOWS} more`);
    }
  }
  for (const f of a.findings.filter((f) => NOTED.has(f.id)).slice(0, 3)) out.push(`Also: ${f.message}.`);
  for (const p of a.policyProblems ?? []) out.push(`Policy: ${p}.`);
  return out;
}
