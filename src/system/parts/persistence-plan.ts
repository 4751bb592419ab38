// How a change is made to survive a reboot, as the backend that knows the host's network
// manager planned it: the change engine runs `argv` after the live change and journals
// `revertArgv`; the confirmation shows `note` (and `snippet`, the lines to add by hand).
type PersistenceSystem = "networkmanager" | "netplan" | "networkd" | "ifupdown" | "none" | "windows";

export interface PersistencePlan {
  /** The change survives a reboot once applied (and, for NetworkManager, `argv` ran). */
  persistent: boolean;
  system: PersistenceSystem;
  /** Run right after the live change, and its inverse for a revert. */
  argv: string[] | null;
  revertArgv: string[] | null;
  /** For people: what will be written, or where to add `snippet`. */
  note: string;
  snippet?: string;
}
