// Which network namespace this process runs in, as the kernel names it: the
// inode of /proc/self/ns/net, and the name `ip netns` gave it when one of the
// bind mounts under /run/netns is that same namespace (what `ip netns identify`
// does, without running it). Changes are recorded with it so that the journal,
// keep, undo and the watchdog act only where a change was made, and so that a
// change inside a lab namespace never touches the host's persistent config.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export type NetnsIdentity = {
  /** "net:[4026531840]" as /proc shows it; null where there is no /proc (Windows, macOS). */
  readonly id: string | null;
  /** The `ip netns` name, when one names this namespace. */
  readonly name: string | null;
  /** True in the namespace of PID 1 (the host's own network); null when it cannot be told. */
  readonly isInitial: boolean | null;
};

export type NetnsFs = {
  /** The inode of a namespace file, or null when it cannot be read. */
  inodeOf(file: string): number | null;
  /** Entries of a directory, or [] when it does not exist. */
  list(dir: string): readonly string[];
};

const realFs: NetnsFs = {
  inodeOf(file) {
    try {
      return statSync(file).ino;
    } catch {
      return null;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

const NAMED_DIR = "/run/netns";

export function netnsIdentity(fs: NetnsFs = realFs): NetnsIdentity {
  const own = fs.inodeOf("/proc/self/ns/net");
  if (own === null) return { id: null, name: null, isInitial: null };
  const init = fs.inodeOf("/proc/1/ns/net");
  let name: string | null = null;
  for (const entry of fs.list(NAMED_DIR)) {
    if (fs.inodeOf(path.posix.join(NAMED_DIR, entry)) === own) {
      name = entry;
      break;
    }
  }
  return { id: `net:[${own}]`, name, isInitial: init === null ? null : init === own };
}

/** How the namespace reads in a journal listing: its name, else its id. */
export function netnsLabel(identity: Pick<NetnsIdentity, "id" | "name" | "isInitial">): string {
  if (identity.isInitial) return "host";
  return identity.name ?? identity.id ?? "unknown";
}
