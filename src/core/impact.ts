// Before a route change runs: which live flows would move to another card or
// gateway, with the operator's own session (SSH or RDP) first, so that nobody
// cuts the branch they are sitting on.
import { egressOf, type Way } from "./classify.js";
import { normalizeAddr, splitZone } from "./ip.js";
import { buildIndex } from "./lookup.js";
import type { Analysis, ClassifiedConnection, RouteChange } from "./model.js";
import { applyChanges } from "./plan.js";

export interface ImpactRow {
  connection: ClassifiedConnection;
  before: { interface: string | null; gateway: string | null };
  after: { interface: string | null; gateway: string | null };
  operatorSession: boolean;
}

export interface OperatorHint {
  /** $SSH_CONNECTION: "client-ip client-port server-ip server-port". */
  sshConnection?: string | null;
}

function same(a: string, b: string): boolean {
  const x = normalizeAddr(splitZone(a).address.replace(/^::ffff:(?=\d+\.)/i, ""));
  const y = normalizeAddr(splitZone(b).address.replace(/^::ffff:(?=\d+\.)/i, ""));
  return x !== null && x === y;
}

/** Is this connection the operator's own console session. */
export function isOperatorSession(c: ClassifiedConnection, operator?: OperatorHint): boolean {
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
  return [...mine, ...others];
}
