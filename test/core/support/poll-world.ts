// Random poll sequences for the incremental analyzer's property test: a host
// whose routes, rules, cards, sysctls, policy and connections change or stay
// from one poll to the next, as the same objects or as equal new ones.
// The tables and the card and rule variants are in poll-parts.ts.
import fc from "fast-check";
import type {
  Connection,
  IfSysctls,
  NetInterface,
  OsKind,
  Part,
  PolicyRule,
  Route,
  Snapshot,
} from "../../../src/core/model.js";
import type { Policy } from "../../../src/core/policy.js";
import { cards, connArb, routeArb, rules } from "./poll-parts.js";

export { cards, connArb, routeArb, rules };

const POLICY: Policy = {
  rules: [
    {
      name: "internal",
      destinations: ["10.0.0.0/8", "172.16.0.0/12"],
      interface: "eth1",
      gateway: "192.168.1.254",
    },
  ],
};

const ok = <T>(value: T): Part<T> => ({ ok: true, value, warnings: [] });

/** One poll's change: which parts move and how. */
export const stepArb = fc.record({
  routes: fc.constantFrom("same", "same", "add", "remove", "replace", "copy", "fresh", "fail"),
  route: routeArb,
  at: fc.nat(),
  conns: fc.constantFrom("same", "same", "add", "remove", "state", "copy", "names", "fresh", "fail"),
  conn: connArb,
  fresh: fc.array(connArb, { maxLength: 6 }),
  freshRoutes: fc.array(routeArb, { maxLength: 8 }),
  cards: fc.constantFrom(-1, -1, -1, -1, 0, 1, 2),
  rules: fc.constantFrom(-1, -1, -1, 0, 1, 2),
  sysctls: fc.constantFrom("same", "same", "same", "change"),
  policy: fc.constantFrom("same", "same", "same", "none", "file", "copy"),
  dt: fc.integer({ min: 0, max: 4000 }),
});

export interface World {
  os: OsKind;
  routes: Route[];
  conns: Connection[];
  cards: NetInterface[];
  rules: PolicyRule[];
  sysctls: Record<string, IfSysctls>;
  policy: Policy | null;
  routesFail: boolean;
  connsFail: boolean;
  now: number;
}

export function step(w: World, s: StepValue): World {
  const n = { ...w, routesFail: false, connsFail: false, now: w.now + s.dt };
  const at = (len: number) => (len === 0 ? 0 : s.at % len);
  switch (s.routes) {
    case "add":
      n.routes = w.routes.toSpliced(at(w.routes.length + 1), 0, s.route);
      break;
    case "remove":
      n.routes = w.routes.toSpliced(at(w.routes.length), 1);
      break;
    case "replace":
      n.routes = w.routes.toSpliced(at(w.routes.length), 1, s.route);
      break;
    case "copy":
      n.routes = w.routes.map((r) => ({ ...r }));
      break;
    case "fresh":
      n.routes = s.freshRoutes;
      break;
    case "fail":
      n.routesFail = true;
      break;
  }
  switch (s.conns) {
    case "add":
      n.conns = w.conns.toSpliced(at(w.conns.length + 1), 0, s.conn);
      break;
    case "remove":
      n.conns = w.conns.toSpliced(at(w.conns.length), 1);
      break;
    case "state": {
      const i = at(w.conns.length);
      const c = w.conns[i];
      if (c) n.conns = w.conns.toSpliced(i, 1, { ...c, state: s.conn.state });
      break;
    }
    case "copy":
      n.conns = w.conns.map((c) => ({ ...c, local: { ...c.local }, remote: { ...c.remote } }));
      break;
    case "names":
      n.conns = w.conns.map((c, i) => (i % 2 ? { ...c, pid: 7, process: "renamed" } : c));
      break;
    case "fresh":
      n.conns = s.fresh;
      break;
    case "fail":
      n.connsFail = true;
      break;
  }
  if (s.cards >= 0) n.cards = cards(s.cards);
  if (s.rules >= 0) n.rules = rules(s.rules);
  if (s.sysctls === "change")
    n.sysctls = { all: { rp_filter: s.dt % 3, arp_ignore: 0 }, eth1: { rp_filter: 1 } };
  if (s.policy === "none") n.policy = null;
  if (s.policy === "file") n.policy = POLICY;
  if (s.policy === "copy" && w.policy) n.policy = structuredClone(w.policy);
  return n;
}

export type StepValue = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

export function snapshotOf(w: World): Snapshot {
  return {
    platform: w.os,
    os: w.os,
    host: "h",
    collector: "test",
    takenAt: w.now,
    interfaces: ok(w.cards),
    routes: w.routesFail ? { ok: false, error: "ip failed", warnings: [] } : ok(w.routes),
    rules: ok(w.rules),
    connections: w.connsFail ? { ok: false, error: "ss failed", warnings: [] } : ok(w.conns),
    sysctls: ok(w.sysctls),
  };
}
