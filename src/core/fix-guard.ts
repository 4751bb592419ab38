// No proposed fix may cut the host off: not move a card's own connected subnet,
// the operator's session (and so the default route of its card), or the cloud
// agent addresses that must stay on the primary card; and without a policy file,
// no fix deletes a default route. A fix that would is withdrawn and says why.
import { egressOf } from "./classify.js";
import { type FindingContext, isDefaultPrefix } from "./findings-context.js";
import {
  type Addr,
  formatPrefix,
  parseAddr,
  parsePrefix,
  prefixContains,
  prefixContainsPrefix,
} from "./ip.js";
import { lookup } from "./lookup.js";
import type { ClassifiedConnection, Finding, RouteChange } from "./model.js";

/** Addresses cloud hosts reach on their primary card only; moved, the VM loses its agent or metadata. */
export const CLOUD_ADDRESSES: readonly { address: string; what: string }[] = [
  { address: "169.254.169.254", what: "the cloud metadata service 169.254.169.254 (AWS, Azure, GCP)" },
  { address: "168.63.129.16", what: "the Azure wire server 168.63.129.16" },
];

interface Guarded {
  address: Addr;
  what: string;
  /** The card it leaves by now, and the route it uses. */
  card: string | null;
  route: string | null;
  gateway: string | null;
  /** Strong host: a flow bound to its card only ever uses that card's routes. */
  boundTo: string | null;
  /**
   * A session only guards the default route it rides (a pin that moves it is the operator's
   * call, named loudly by the impact preview); a cloud address may not move at all.
   */
  session: boolean;
}

/** The operator's console session, without $SSH_CONNECTION: RDP on 3389, sshd on 22 (see impact.ts). */
function isSession(c: ClassifiedConnection): boolean {
  if (c.protocol !== "tcp" || (c.local.port !== 3389 && c.local.port !== 22 && c.process !== "sshd"))
    return false;
  return c.state.toUpperCase() === "ESTABLISHED";
}

function guardedOf(ctx: FindingContext): Guarded[] {
  const out: Guarded[] = [];
  for (const { address, what } of CLOUD_ADDRESSES) {
    const r = lookup(ctx.index, { destination: address });
    const a = parseAddr(address);
    if (a && r.type === "unicast" && r.route)
      out.push({
        address: a,
        what,
        card: r.interface,
        route: r.route.destination,
        gateway: r.route.gateway,
        boundTo: null,
        session: false,
      });
  }
  for (const c of ctx.connections) {
    if (!isSession(c)) continue;
    const e = egressOf(ctx.index, c);
    const a = parseAddr(c.remote.address);
    if (!a || e.kind !== "route" || e.result.type !== "unicast" || !e.result.route) continue;
    const what = `your ${c.local.port === 3389 ? "RDP" : "SSH"} session from ${c.remote.address}`;
    const boundTo = ctx.index.strongHost ? (e.owner?.name ?? null) : null;
    const { route } = e.result;
    if (!isDefaultPrefix(route.destination)) continue;
    out.push({
      address: a,
      what,
      card: e.egress.interface,
      route: route.destination,
      gateway: route.gateway,
      boundTo,
      session: true,
    });
  }
  return out;
}

const sameRoute = (ch: RouteChange, destination: string, gateway: string | null, card: string | null) =>
  ch.destination === destination &&
  (ch.gateway === null || ch.gateway === gateway) &&
  (ch.interface === null || ch.interface === card);

/** Why `fix` would cut the host off, or null when it is safe by these rules. */
function harmOf(
  ctx: FindingContext,
  fix: readonly RouteChange[],
  guarded: readonly Guarded[],
): string | null {
  if (ctx.intent.basis === "inferred") {
    const del = fix.find((ch) => ch.action === "delete" && isDefaultPrefix(ch.destination));
    if (del)
      return `it deletes the default route via ${del.gateway ?? "on-link"} on ${del.interface ?? "a card"}, and no policy file says which default is right`;
  }
  for (const g of guarded) {
    const route = g.route;
    const len = route ? (parsePrefix(route)?.len ?? 0) : 0;
    const gone = fix.some(
      (ch) => ch.action === "delete" && route !== null && sameRoute(ch, route, g.gateway, g.card),
    );
    const back = fix.some(
      (ch) =>
        ch.action === "add" &&
        ch.destination === route &&
        ch.gateway === g.gateway &&
        ch.interface === g.card,
    );
    if (gone && !back)
      return g.session
        ? `it deletes the default route of ${g.card ?? "the card"} that ${g.what} uses`
        : `it would move ${g.what} off ${g.card ?? "its card"}`;
    for (const ch of fix) {
      if (
        ch.action !== "add" ||
        ch.interface === g.card ||
        (g.boundTo !== null && ch.interface !== g.boundTo)
      )
        continue;
      const p = parsePrefix(ch.destination);
      if (p && p.len >= len && prefixContains(p, g.address))
        return `it would move ${g.what} off ${g.card ?? "its card"}`;
    }
  }
  // A card's own subnet: an add as specific as it (or more) on another card takes its neighbours away.
  for (const card of ctx.interfaces) {
    if (!card.up) continue;
    for (const a of card.addresses) {
      const s = parsePrefix(`${a.address}/${a.prefixLen}`);
      if (!s || s.len === (s.addr.family === 4 ? 32 : 128) || a.address.startsWith("fe80")) continue;
      const subnet = formatPrefix(s);
      // Two cards on one subnet (the story): a route on the other one keeps the neighbours on a card of theirs.
      const onAlso = (name: string | null) =>
        ctx.interfaces.some(
          (i) =>
            i.name === name &&
            i.addresses.some((b) => {
              const q = parsePrefix(`${b.address}/${b.prefixLen}`);
              return q !== null && formatPrefix(q) === subnet;
            }),
        );
      for (const ch of fix) {
        const p = parsePrefix(ch.destination);
        if (!p || p.len < s.len || !prefixContainsPrefix(s, p)) continue;
        if (ch.action === "add" && ch.interface !== card.name && !onAlso(ch.interface))
          return `it would move part of ${card.name}'s own subnet ${subnet} to ${ch.interface ?? "another card"}`;
        if (ch.action === "delete" && ch.gateway === null && p.len === s.len && ch.interface === card.name)
          return `it deletes ${card.name}'s own subnet ${subnet}`;
      }
    }
  }
  return null;
}

/** Per finding object (host findings are reused poll after poll): the guarded one, while nothing guarded moved. */
const memo = new WeakMap<Finding, { key: string; out: Finding }>();

export function guardFixes(ctx: FindingContext, findings: Finding[]): Finding[] {
  if (!findings.some((f) => f.fix.length > 0)) return findings;
  const guarded = guardedOf(ctx);
  const key = `${ctx.intent.basis} ${guarded.map((g) => `${g.what} ${g.card} ${g.route} ${g.gateway}`).join("|")}`;
  return findings.map((f) => {
    if (f.fix.length === 0) return f;
    const known = memo.get(f);
    if (known && known.key === key) return known.out;
    const harm = harmOf(ctx, f.fix, guarded);
    const out = harm ? { ...f, fix: [], message: `${f.message}; no fix proposed: ${harm}` } : f;
    memo.set(f, { key, out });
    return out;
  });
}
