// The data model every layer shares. Plain data only (JSON-serialisable), so a
// snapshot can be saved, diffed, sent to --json and replayed in tests.

export type Family = 4 | 6;

/** Which semantics apply: strong host (windows) or weak host (linux, darwin). */
export type OsKind = "linux" | "windows" | "darwin";

/** Where a snapshot came from; "simulated" is the demo host (it behaves like windows). */
export type PlatformId = OsKind | "simulated";

export interface IfAddress {
  /** Canonical text form, e.g. "192.168.1.10" or "fe80::1". */
  address: string;
  prefixLen: number;
  family: Family;
  /** Linux: not flagged `secondary`. Windows: first in KB969029 order. */
  primary?: boolean;
  /** Windows: SkipAsSource. Such an address is never chosen as a source. */
  skipAsSource?: boolean;
  /** Linux IPv6: preferred lifetime over (chosen only when nothing better fits), and privacy addresses. */
  deprecated?: boolean;
  temporary?: boolean;
  scope?: string;
}

export interface NetInterface {
  /** OS interface index (Windows prints it in hex on 2003: 0x10004 = 65540). */
  index: number;
  /** The key routes refer to: Linux `eth1`, Windows alias `Ethernet 2`. Unique in a snapshot. */
  name: string;
  /** Windows description ("Intel(R) PRO/1000 MT") or Linux altname. */
  description?: string;
  addresses: IfAddress[];
  up: boolean;
  /** Windows interface metric, added to route metrics for tie-breaking. */
  metric?: number;
  mac?: string;
  /** Windows: the card registers its addresses in DNS. */
  dnsRegister?: boolean;
  /**
   * What no output said (`route print` alone: a card known only by its address has no
   * index; a listed card without addresses has no observed state). Shown as unknown;
   * `index` and `up` then hold what the engine assumes (0; up for a card with an address).
   */
  unknown?: ("index" | "up")[];
}

export type RouteType =
  | "unicast"
  | "local"
  | "broadcast"
  | "multicast"
  | "anycast"
  | "blackhole"
  | "unreachable"
  | "prohibit"
  | "throw"
  /** Stateless NAT of kernels before 2.6.9: old captures only; nothing is routed by it here. */
  | "nat";

export interface NextHop {
  gateway: string | null;
  interface: string | null;
  weight?: number;
}

export interface Route {
  /** Canonical prefix: "10.0.0.0/8", "0.0.0.0/0", "::/0". */
  destination: string;
  family: Family;
  /** null = on-link / directly connected. */
  gateway: string | null;
  /** Interface name (NetInterface.name); null for blackhole and friends. */
  interface: string | null;
  /** Linux: the metric. Windows: route metric + interface metric as `route print` shows it. */
  metric: number;
  /** Linux table name or number as text ("main", "local", "100"); "main" elsewhere. */
  table: string;
  type: RouteType;
  /** Multipath next hops; when present `gateway`/`interface` hold the first. */
  nexthops?: NextHop[];
  /** Linux `src` (preferred source). */
  prefsrc?: string;
  /** Survives a reboot (Windows persistent store / `-p`, Linux config file). */
  persistent: boolean;
  protocol?: string;
  scope?: string;
}

export type RuleAction = "lookup" | "goto" | "nop" | "blackhole" | "unreachable" | "prohibit";

/** A Linux policy rule (`ip rule`). */
export interface PolicyRule {
  family: Family;
  priority: number;
  not?: boolean;
  /** Prefix or "all" (omitted = all). */
  from?: string;
  to?: string;
  iif?: string;
  oif?: string;
  fwmark?: number;
  fwmask?: number;
  action: RuleAction;
  table?: string;
  /** For action "goto": the priority to continue at. */
  goto?: number;
  suppressPrefixlength?: number;
  suppressIfgroup?: number;
  /** Layer-4 selectors: IP protocol number (6 tcp, 17 udp) and inclusive port ranges. */
  ipproto?: number;
  sport?: [number, number];
  dport?: [number, number];
}

export interface Endpoint {
  address: string;
  /** -1 when the capture printed a service name that maps to no known port (see `service`). */
  port: number;
  /** That name ("sometool"), shown in place of a number nobody printed. */
  service?: string;
}

export interface Connection {
  protocol: "tcp" | "udp";
  family: Family;
  local: Endpoint;
  remote: Endpoint;
  /** Upper-case state as netstat prints it: SYN_SENT, ESTABLISHED, TIME_WAIT, … ; UDP connected: "CONNECTED". */
  state: string;
  pid: number | null;
  process: string | null;
  /** Linux ss fwmark / interface binding when known. */
  mark?: number;
  boundInterface?: string;
}

/** Per-card kernel knobs that matter for two cards on one subnet (Linux). */
export interface IfSysctls {
  rp_filter?: number;
  arp_filter?: number;
  arp_ignore?: number;
  arp_announce?: number;
}

/** A part of a snapshot succeeds or fails on its own. */
export type Part<T> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; error: string; hint?: string; warnings: string[] };

export interface Snapshot {
  platform: PlatformId;
  os: OsKind;
  host: string;
  /** How the data was read: "iproute2", "powershell", "route-print", "analyze", "simulated", … */
  collector: string;
  /** Epoch ms when collection finished (set by the collector, not by core). */
  takenAt: number;
  interfaces: Part<NetInterface[]>;
  routes: Part<Route[]>;
  rules: Part<PolicyRule[]>;
  connections: Part<Connection[]>;
  sysctls: Part<Record<string, IfSysctls>>;
  /** Windows Vista/2008+ is strong host; XP/2003 (and Linux, macOS) weak host. Default: by os. */
  hostModel?: "strong" | "weak";
  /** Is this process able to see process names / change routes. */
  privileged?: boolean;
  /** Free-form notes about the collection (e.g. "process names need root"). */
  notes?: string[];
}

/** Result of asking "which way does this destination go". */
export interface LookupResult {
  type: RouteType | "no-route";
  route: Route | null;
  interface: string | null;
  gateway: string | null;
  source: string | null;
  table: string | null;
  /** All next hops when the route is multipath. */
  multipath?: NextHop[];
  /** Priority of the policy rule that decided (Linux). */
  rule?: number;
}

export type Verdict = "ok" | "wrong-nic" | "no-route" | "unknown";

export interface Expectation {
  interface: string;
  gateway: string | null;
  /** The policy rule or inference that produced it, for explanations. */
  reason: string;
}

/**
 * What a verdict or finding rests on: a policy file the operator wrote, an intent
 * guessed from the host (a hypothesis), or evidence seen on the host (a SYN stuck
 * or a probe timed out on the card, or a fact of the table itself).
 */
export type Basis = "policy" | "inferred" | "evidence";

export interface ClassifiedConnection extends Connection {
  egress: { interface: string | null; gateway: string | null };
  expected: Expectation | null;
  verdict: Verdict;
  basis: Basis;
  /** One line for people: why this verdict. */
  why: string;
}

export type Severity = "error" | "warning" | "info";

type FindingId =
  | "wrong-nic-route"
  | "multiple-default-gateways"
  | "same-subnet-nics"
  | "rp-filter-strict"
  | "route-not-pinned"
  | "not-persistent"
  | "unstable-ifindex"
  | "source-on-other-nic"
  | "stuck-syn"
  | "intent-ambiguous";

/** A planned route change; rendered to argv per OS in src/system. */
export interface RouteChange {
  action: "add" | "delete";
  destination: string;
  gateway: string | null;
  interface: string | null;
  metric?: number;
  persistent: boolean;
  /** Linux: a routing table other than main (absent: main). */
  table?: string;
}

export interface Finding {
  id: FindingId;
  severity: Severity;
  basis: Basis;
  message: string;
  /** What the finding is about (a prefix, a card, a connection key), for the UI to select. */
  subject?: string;
  fix: RouteChange[];
}

export interface Analysis {
  snapshot: Snapshot;
  connections: ClassifiedConnection[];
  findings: Finding[];
  policySource: string;
  /** Policy lines that do not fit this host (a card it lacks), for people. */
  policyProblems?: string[];
}

/** One row of a card's neighbour (ARP) table, as `ip neigh` or `arp -a` gave it. */
export interface Neighbour {
  address: string;
  mac: string | null;
  /** The card (NetInterface.name) whose table holds it. */
  card: string;
  /** REACHABLE, STALE, FAILED, … (Linux); dynamic / static (Windows, maybe localized). */
  state: string;
  /** Linux marks IPv6 neighbours that are routers. */
  router?: boolean;
}

export interface NeighbourRead {
  neighbours: Neighbour[];
  warnings: string[];
  error?: string;
}
