// What `f` and `d` act on: the selected finding, the selected wrong flow, the
// selected route, or the first error when nothing is selected. A fix the
// engine could not plan because the gateway is unknown becomes the add form,
// pre-filled, so the operator types the one thing that is missing.
import { connectionKey } from "../../core/analyze.js";
import { type ExplainContext, explainDestination } from "../../core/explain.js";
import { contains, formatAddr, parsePrefix } from "../../core/ip.js";
import type { Analysis, ClassifiedConnection, Finding, RouteChange } from "../../core/model.js";
import type { FormPrefill } from "./route-form.js";
import type { AppState } from "./state.js";
import { connectionRows, findingRows, routeRows } from "./view-model.js";

export type Picked =
  | { kind: "changes"; changes: RouteChange[]; what: string }
  | { kind: "form"; prefill: FormPrefill }
  | { kind: "none"; why: string };

const prefixLen = (p: string) => parsePrefix(p)?.len ?? -1;

/** The wrong-nic-route finding that covers this flow's destination (the most specific one). */
function findingFor(c: ClassifiedConnection, findings: readonly Finding[]): Finding | null {
  const covering = findings.filter(
    (f) => f.id === "wrong-nic-route" && f.subject !== undefined && contains(f.subject, c.remote.address),
  );
  return covering.sort((a, b) => prefixLen(b.subject ?? "") - prefixLen(a.subject ?? ""))[0] ?? null;
}

/** Which card (and gateway, when known) the policy wants for `prefix`. */
function wanted(a: Analysis, prefix: string, ctx: ExplainContext): { card: string | null; gateway: string } {
  const flow = a.connections.find((c) => c.expected && contains(prefix, c.remote.address));
  if (flow?.expected) return { card: flow.expected.interface, gateway: flow.expected.gateway ?? "" };
  const p = parsePrefix(prefix);
  const out = p ? explainDestination(a, formatAddr(p.addr), ctx) : null;
  const exp = out?.ok ? out.result.expected : null;
  return { card: exp?.interface ?? null, gateway: exp?.gateway ?? "" };
}

function gatewayForm(a: Analysis, prefix: string, ctx: ExplainContext): Picked {
  const w = wanted(a, prefix, ctx);
  const card = w.card ? `${w.card}'s` : "the card's";
  return {
    kind: "form",
    prefill: {
      destination: prefix,
      card: w.card,
      gateway: w.gateway,
      note: `the gateway for ${prefix} is unknown: type ${card} gateway (the router on its subnet)`,
    },
  };
}

function fromFinding(a: Analysis, f: Finding, ctx: ExplainContext): Picked {
  if (f.fix.length > 0) return { kind: "changes", changes: f.fix, what: f.message };
  if (f.id === "wrong-nic-route" && f.subject) return gatewayForm(a, f.subject, ctx);
  if (f.id === "stuck-syn" && f.subject) {
    const flow = a.connections.find((c) => connectionKey(c) === f.subject);
    if (flow?.verdict === "wrong-nic") return fromFlow(a, flow, ctx);
  }
  return { kind: "none", why: `no route change fixes this: ${f.message}` };
}

function fromFlow(a: Analysis, c: ClassifiedConnection, ctx: ExplainContext): Picked {
  const f = findingFor(c, a.findings);
  if (f) return fromFinding(a, f, ctx);
  if (!c.expected) return { kind: "none", why: "no policy says which card this flow should use" };
  return {
    kind: "form",
    prefill: {
      destination: `${c.remote.address}/${c.family === 4 ? 32 : 128}`,
      card: c.expected.interface,
      gateway: c.expected.gateway ?? "",
      note: `a route for ${c.remote.address} via ${c.expected.interface}: widen the destination if more should follow it`,
    },
  };
}

/** `f`: the selected finding or wrong flow, else the first error finding. */
export function pickFix(s: AppState, ctx: ExplainContext): Picked {
  const a = s.analysis;
  if (!a) return { kind: "none", why: "no data yet: wait for the first poll" };
  if (s.pane === "findings") {
    const f = findingRows(a, s.filter.findings)[s.cursor.findings];
    if (f) return fromFinding(a, f, ctx);
  }
  if (s.pane === "connections") {
    const row = connectionRows(s, s.filter.connections, s.wrongOnly)[s.cursor.connections];
    if (row && !row.closed && row.conn.verdict === "wrong-nic") return fromFlow(a, row.conn, ctx);
  }
  const errors = findingRows(a, "").filter((f) => f.severity === "error");
  const fixable = errors.find((f) => f.fix.length > 0);
  if (fixable) return fromFinding(a, fixable, ctx);
  const open = errors.find((f) => f.id === "wrong-nic-route");
  if (open) return fromFinding(a, open, ctx);
  return { kind: "none", why: "nothing to fix: no error finding (select a finding or a wrong flow)" };
}

/** `d`: the route under the cursor in the Routes pane. */
export function pickDelete(s: AppState): Picked {
  const a = s.analysis;
  if (!a) return { kind: "none", why: "no data yet: wait for the first poll" };
  if (s.pane !== "routes") return { kind: "none", why: "d deletes the selected route: Tab to Routes first" };
  const r = routeRows(a, s.filter.routes)[s.cursor.routes];
  if (!r) return { kind: "none", why: "no route selected" };
  if (r.type !== "unicast")
    return {
      kind: "none",
      why: `${r.destination} is a ${r.type} route: dualhome deletes unicast routes only`,
    };
  const change: RouteChange = {
    action: "delete",
    destination: r.destination,
    gateway: r.gateway,
    interface: r.interface,
    // Linux tells equal routes apart by metric; a Windows metric is a sum route.exe does not take.
    ...(a.snapshot.os === "linux" ? { metric: r.metric } : {}),
    persistent: r.persistent,
    ...(r.table && r.table !== "main" ? { table: r.table } : {}),
  };
  return { kind: "changes", changes: [change], what: `delete ${r.destination}` };
}
