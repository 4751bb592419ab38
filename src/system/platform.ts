// What every OS backend offers the app. One per OS: linux, windows, darwin, simulated.
import type { Endpoint, NetInterface, OsKind, PlatformId, RouteChange, Snapshot } from "../core/model.js";

export interface CollectOptions {
  signal?: AbortSignal;
  /** Resolve process names (may be slow: `ss -p`); the live poller asks for it rarely. */
  processNames?: boolean;
}

export interface Platform {
  id: PlatformId;
  os: OsKind;
  /** "iproute2", "powershell", "classic", "netstat", "simulated". */
  collector: string;
  /** One poll. Never rejects for a failing part: the part carries the error. */
  collect(opts?: CollectOptions): Promise<Snapshot>;
  /** The exact argv that would make this change; throws ValidationError on bad input. */
  changeArgv?(change: RouteChange, interfaces: NetInterface[]): string[];
  /**
   * The exact argv that closes one stuck TCP connect (Linux `ss -K`); throws ValidationError
   * on bad input. Absent where the OS has no documented command for it (Windows, macOS).
   */
  resetArgv?(flow: { local: Endpoint; remote: Endpoint }): string[];
  /** Release long-lived helpers (PowerShell process, monitors). */
  close?(): Promise<void>;
}
