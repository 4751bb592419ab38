// Where a journaled change was made: the host and the network namespace. One
// state directory serves every namespace of a host (`ip netns exec` keeps the
// filesystem) and maybe several hosts (a shared home), so journal, keep, undo,
// the watchdog and the interrupted-change report act only on entries made
// where they run: a lab's change is never kept, reverted or reported on the host.

import type { NetnsIdentity } from "../netns-identity.js";
import type { IntentRecord, JournalRecord } from "./journal.js";

export interface Place {
  /** Empty: any host (tests, the demo). */
  host: string;
  /** Absent, or an id of null: no namespaces to tell apart (Windows, macOS, tests). */
  netns?: NetnsIdentity;
}

/** A namespace that is not the host's own: the same test as for live-only persistence. */
function isLab(ns: NetnsIdentity): boolean {
  return ns.isInitial === false || (ns.isInitial === null && ns.name !== null);
}

/** What an intent records of its namespace, from the process's identity (nothing where there is none). */
export function netnsRecord(ns: NetnsIdentity | undefined): Pick<IntentRecord, "netns"> {
  if (!ns?.id) return {};
  return { netns: { id: ns.id, ...(ns.name ? { name: ns.name } : {}) } };
}

export function isHere(intent: IntentRecord, here: Place): boolean {
  if (here.host && intent.host !== here.host) return false;
  const ns = here.netns;
  if (!ns?.id) return true;
  const made = intent.netns;
  if (!made) return !isLab(ns);
  if (made.id !== ns.id) return false;
  // Inode numbers are reused once a namespace is gone: two names for one id are two namespaces.
  return !(made.name && ns.name && made.name !== ns.name);
}

/** Only the records of changes made here. */
export function recordsHere(records: readonly JournalRecord[], here: Place): JournalRecord[] {
  const away = new Set(records.filter((r) => r.type === "intent" && !isHere(r, here)).map((r) => r.id));
  return away.size === 0 ? [...records] : records.filter((r) => !away.has(r.id));
}

/** "lab-x net:[4026532201]", "net:[4026532201]", or "initial" for a record older than namespaces. */
export function netnsText(intent: IntentRecord): string {
  const ns = intent.netns;
  if (!ns) return "initial";
  return ns.name ? `${ns.name} ${ns.id}` : ns.id;
}

/** How `journal --all` marks an entry made elsewhere: "[netns lab-x net:[…]]", "[host srv2]". */
export function elsewhereMark(intent: IntentRecord, here: Place): string {
  if (here.host && intent.host !== here.host) return `[host ${intent.host}]`;
  return `[netns ${netnsText(intent)}]`;
}

/**
 * Why `verb` (keep, undo) of change `id` is refused here, in one line that says
 * where it was made and how to act there.
 */
export function elsewhereRefusal(intent: IntentRecord, here: Place, verb: string, self = "dualhome"): string {
  const id = intent.id;
  if (here.host && intent.host !== here.host)
    return `change ${id} was made on host ${intent.host}, not on ${here.host}: run \`${self} ${verb} ${id}\` there`;
  const ns = intent.netns;
  const current = here.netns;
  const mine = current?.name ?? (current?.id && isLab(current) ? current.id : "the host's own");
  if (!ns)
    return `change ${id} was made in the host's own network namespace, not in ${mine}: run \`${self} ${verb} ${id}\` outside \`ip netns exec\``;
  if (ns.name)
    return `change ${id} was made in network namespace ${ns.name} (${ns.id}), not in ${mine}: run \`ip netns exec ${ns.name} ${self} ${verb} ${id}\``;
  return `change ${id} was made in network namespace ${ns.id}, not in ${mine}: run \`${self} ${verb} ${id}\` in that namespace (nsenter --net=/proc/<pid>/ns/net of a process there; outside \`ip netns exec\` if it is the host's own)`;
}
