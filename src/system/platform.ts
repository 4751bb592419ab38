// What every OS backend offers the app. One per OS: linux, windows, darwin, simulated.
import type {
  Endpoint,
  NetInterface,
  OsKind,
  Part,
  PlatformId,
  Route,
  RouteChange,
  Snapshot,
} from "../core/model.js";
import type { ProbeResult } from "./probe.js";

export interface CollectOptions {
  signal?: AbortSignal;
  /** Resolve process names (may be slow: `ss -p`); the live poller asks for it rarely. */
  processNames?: boolean;
}

/** A route of the guided fix's source table: the card's own subnet, or a range by the card's gateway. */
export interface TableRoute {
  prefix: string;
  card: string;
  table: string;
  /** The card's own address, for its subnet's route (`src`). */
  src?: string;
  gateway?: string;
}

/**
 * The argv of the guided fix's expert extras (Linux: a source rule and its table, ARP and
 * reverse-path sysctls), built from validated parts: a ValidationError names a bad one.
 */
export interface ExtrasArgv {
  /** `net.ipv4.conf.<card>.<knob>` as sysctl and /etc/sysctl.d spell it. */
  sysctlKey(card: string, knob: string): string;
  sysctl(card: string, knob: string, value: number): string[];
  route(action: "add" | "del", route: TableRoute): string[];
  rule(action: "add" | "del", rule: { from: string; table: string; priority: number }): string[];
}

export interface Platform {
  id: PlatformId;
  os: OsKind;
  /** "iproute2", "powershell", "classic", "netstat", "simulated". */
  collector: string;
  /** One poll. Never rejects for a failing part: the part carries the error. */
  collect(opts?: CollectOptions): Promise<Snapshot>;
  /**
   * The routes of one prefix in one table, read from the OS now, past any cache the
   * live screen keeps: what a change and its revert are verified against. Absent, a
   * fresh collect() is (it reads the whole table every time).
   */
  routesOf?(destination: string, table: string): Promise<Part<Route[]>>;
  /** The exact argv that would make this change; throws ValidationError on bad input. */
  changeArgv?(change: RouteChange, interfaces: NetInterface[]): string[];
  /**
   * The exact argv that closes one stuck TCP connect (Linux `ss -K`); throws ValidationError
   * on bad input. Absent where the OS has no documented command for it (Windows, macOS).
   */
  resetArgv?(flow: { local: Endpoint; remote: Endpoint }): string[];
  /**
   * The platform answers probes itself (the simulated host, a Linux host over SSH);
   * absent, the live screen and `dualhome probe` connect from this process.
   */
  probe?(host: string, port: number, timeoutMs?: number): Promise<ProbeResult>;
  /** Process names are laid over every poll's rows by the platform: the poller need not carry them over. */
  readonly keepsProcessNames?: boolean;
  /** Where the guided fix may offer its expert extras (Linux). */
  extrasArgv?: ExtrasArgv;
  /** Release long-lived helpers (PowerShell process, monitors). */
  close?(): Promise<void>;
}
