// Before a route change runs: which live flows would move to another card or
// gateway, with the operator's own session (SSH or RDP) first, so that nobody
// cuts the branch they are sitting on; then what must stay where it is though no
// flow shows it: a card's own subnet, the cloud agent and metadata addresses.
import { egressOf, type Way } from "./classify.js";
import { CLOUD_ADDRESSES } from "./fix-guard.js";
import { formatAddr, normalizeAddr, parsePrefix, splitZone } from "./ip.js";
import { buildIndex, lookup, type RoutingIndex } from "./lookup.js";
import type { Analysis, ClassifiedConnection, NetInterface, Route, RouteChange } from "./model.js";
import { applyChanges } from "./plan.js";

export interface ImpactRow {
  connection: ClassifiedConnection;
  before: { interface: string | null; gateway: string | null };
  after: { interface: string | null; gateway: string | null };
  operatorSession: boolean;
  /** Not a live flow: what a change must not move (a card's subnet, a cloud agent address), in words. */
  guarded?: string;
}

interface OperatorHint {
  /** $SSH_CONNECTION: "client-ip client-port server-ip server-port". */
  sshConnection?: string | null;
}

function same(a: string, b: string): boolean {
  const x = normalizeAddr(splitZone(a).address.replace(/^::ffff:(?=\d+\.)/i, ""));
  const y = normalizeAddr(splitZone(b).address.replace(/^::ffff:(?=\d+\.)/i, ""));
  return x !== null && x === y;
}

/** Is this connection the operator's own console session. */
function isOperatorSession(c: ClassifiedConnection, operator?: OperatorHint): boolean {
  const established = c.state.toUpperCase() === "ESTABLISHED";
  if (c.protocol === "tcp" && established && c.local.port === 3389) return true;
  const parts = operator?.sshConnection?.trim().split(/\s+/) ?? [];
  if (parts.length === 4) {
    const [cip, cport, sip, sport] = parts as [string, string, string, string];
    return (
      same(c.remote.address, cip) &&
      c.remote.port === Number(cport) &&
      same(c.local.address, sip) &&
      c.local.port === Number(sport)
    );
  }
  // Without SSH_CONNECTION any sshd session might be ours: better to warn too often.
  return c.protocol === "tcp" && established && (c.process === "sshd" || c.local.port === 22);
}

export function impactOf(analysis: Analysis, changes: RouteChange[], operator?: OperatorHint): ImpactRow[] {
  const snap = analysis.snapshot;
  if (!snap.routes.ok || !snap.interfaces.ok) return [];
  const interfaces = snap.interfaces.value;
  const rules = snap.rules.ok ? snap.rules.value : [];
  const after = buildIndex(
    snap.os,
    interfaces,
    applyChanges(snap.routes.value, changes, interfaces, snap.os),
    rules,
    snap.hostModel,
  );
  const mine: ImpactRow[] = [];
  const others: ImpactRow[] = [];
  for (const c of analysis.connections) {
    const out = egressOf(after, c);
    if (out.kind === "none" && out.egress.interface === null) continue;
    const next: Way = out.egress;
    const before = c.egress;
    if (before.interface === next.interface && before.gateway === next.gateway) continue;
    const operatorSession = isOperatorSession(c, operator);
    const row = {
      connection: c,
      before: { interface: before.interface, gateway: before.gateway },
      after: { interface: next.interface, gateway: next.gateway },
      operatorSession,
    };
    (operatorSession ? mine : others).push(row);
  }
  const before = buildIndex(snap.os, interfaces, snap.routes.value, rules, snap.hostModel);
  const guarded = guardedRows(before, after, interfaces, snap.routes.value, analysis.connections);
  return [...mine, ...guarded, ...others];
}

/** What is always there to move: named when a change would take it to another card (or to none). */
function guardedRows(
  before: RoutingIndex,
  after: RoutingIndex,
  interfaces: readonly NetInterface[],
  routes: readonly Route[],
  connections: readonly ClassifiedConnection[],
): ImpactRow[] {
  const targets: { address: string; from: string; what: string }[] = [];
  // A cloud address counts where the host shows it: a route of its own, or a flow to it.
  for (const { address, what } of CLOUD_ADDRESSES)
    if (
      routes.some((r) => r.destination === `${address}/32`) ||
      connections.some((c) => same(c.remote.address, address))
    )
      targets.push({ address, from: "0.0.0.0", what: `${what}: must stay on the primary card` });
  for (const card of interfaces) {
    if (!card.up) continue;
    for (const a of card.addresses) {
      const p = a.family === 4 ? parsePrefix(`${a.address}/${a.prefixLen}`) : null;
      if (p?.addr.family !== 4 || p.len >= 31 || a.address.startsWith("169.254.")) continue;
      const net = p.addr.v;
      const neighbour = formatAddr({ family: 4, v: (net + 2 ** (32 - p.len) - 2) >>> 0 });
      const host = neighbour === a.address ? formatAddr({ family: 4, v: (net + 1) >>> 0 }) : neighbour;
      targets.push({
        address: host,
        from: a.address,
        what: `${card.name}'s own subnet ${formatAddr(p.addr)}/${p.len}`,
      });
    }
  }
  const rows: ImpactRow[] = [];
  for (const t of targets) {
    const was = lookup(before, { destination: t.address });
    const now = lookup(after, { destination: t.address });
    if (was.type !== "unicast" || was.interface === null || now.interface === was.interface) continue;
    const egress = { interface: was.interface, gateway: was.gateway };
    const connection: ClassifiedConnection = {
      protocol: "tcp",
      family: 4,
      local: { address: t.from, port: 0 },
      remote: { address: t.address, port: 0 },
      state: t.what,
      pid: null,
      process: null,
      egress,
      expected: null,
      verdict: "ok",
      basis: "evidence",
      why: t.what,
    };
    rows.push({
      connection,
      before: egress,
      after: { interface: now.interface, gateway: now.gateway },
      operatorSession: false,
      guarded: t.what,
    });
  }
  return rows;
}
