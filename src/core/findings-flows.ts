// Findings about individual flows: a local address that belongs to another card
// than the one the flow leaves by (Linux weak host), and SYNs nobody answers.
import { connectionKey, egressOf, endpointText } from "./classify.js";
import { describeWay } from "./expect.js";
import { type FindingContext, flowText, plural } from "./findings-context.js";
import { isSynSent } from "./intent.js";
import { ownerFinder } from "./lookup.js";
import type { ClassifiedConnection, Finding } from "./model.js";

/** A SYN unanswered for longer than this is stuck, not slow. */
const STUCK_SYN_MS = 5000;

/** Per index and flow object: an analysis reusing flows across polls asks once, not every poll. */
const routedMemo = new WeakMap<object, WeakMap<ClassifiedConnection, boolean>>();

function routed(ctx: FindingContext, c: ClassifiedConnection): boolean {
  let memo = routedMemo.get(ctx.index);
  if (!memo) {
    memo = new WeakMap();
    routedMemo.set(ctx.index, memo);
  }
  let r = memo.get(c);
  if (r === undefined) {
    r = egressOf(ctx.index, c).kind === "route";
    memo.set(c, r);
  }
  return r;
}

export function sourceOnOtherNicFindings(ctx: FindingContext): Finding[] {
  if (ctx.os === "windows") return [];
  const groups = new Map<string, { owner: string; egress: string; flows: ClassifiedConnection[] }>();
  const ownerOf = ownerFinder(ctx.index);
  for (const c of ctx.connections) {
    const egress = c.egress.interface;
    if (!egress || c.verdict === "unknown") continue;
    const owner = ownerOf(c.local.address);
    if (!owner || owner.name === egress) continue;
    // Only routed flows count: to this host's own address the kernel says "lo".
    if (!routed(ctx, c)) continue;
    const key = `${c.local.address} ${egress}`;
    const g = groups.get(key) ?? { owner: owner.name, egress, flows: [] };
    g.flows.push(c);
    groups.set(key, g);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const first = g.flows[0] as ClassifiedConnection;
    const local = first.local.address;
    out.push({
      id: "source-on-other-nic",
      severity: "warning",
      basis: "evidence",
      message:
        `${plural(g.flows.length, "flow")} from ${local} (${g.owner}'s address) ${g.flows.length === 1 ? "leaves" : "leave"} by ${g.egress}, e.g. ` +
        `${flowText(first)}: replies come back to ${g.owner}, where rp_filter or the far side may drop them; ` +
        `give the route \`src\` ${g.egress}'s address, or bind to it`,
      subject: connectionKey(first),
      fix: [],
    });
  }
  return out;
}

export function stuckSynFindings(ctx: FindingContext): Finding[] {
  const { now, firstSeen } = ctx;
  if (now === undefined || !firstSeen) return [];
  const out: Finding[] = [];
  for (const c of ctx.connections) {
    if (c.protocol !== "tcp" || !isSynSent(c.state)) continue;
    const key = connectionKey(c);
    const since = firstSeen.get(key);
    if (since === undefined || now - since <= STUCK_SYN_MS) continue;
    const secs = Math.round((now - since) / 1000);
    const way = c.egress.interface ? `; it leaves ${describeWay(c.egress)}` : "";
    const wrong =
      c.verdict === "wrong-nic" && c.expected ? ` but policy wants ${describeWay(c.expected, true)}` : "";
    out.push({
      id: "stuck-syn",
      severity: "warning",
      basis: "evidence",
      message: `${endpointText(c.local)} → ${endpointText(c.remote)} in SYN_SENT for ${secs} s: nobody answers${way}${wrong}`,
      subject: key,
      fix: [],
    });
  }
  return out;
}
