// Whether a change survives a reboot, and how: Linux asks the network manager
// that owns the card (planLinuxPersistence), Windows' route.exe -p and
// New-NetRoute's persistent store keep it by themselves. Inside a network
// namespace other than the host's (a lab), nothing is persistent: the saved
// configuration on disk and NetworkManager belong to the host.
import type { RouteChange } from "../../core/model.js";
import type { ValidChange } from "../../core/route-change.js";
import { type NetnsIdentity, netnsLabel } from "../../system/netns-identity.js";
import type { PersistencePlan } from "../../system/parts/persistence-plan.js";
import type { Platform } from "../../system/platform.js";

interface PersistenceContext {
  platform: Platform;
  persistence?: ((v: ValidChange) => Promise<PersistencePlan>) | undefined;
  /** Why every change here is live only (a lab namespace), or null/absent where it may persist. */
  liveOnly?: string | null | undefined;
}

/** The live-only note for a process in a network namespace that is not the host's; null in the host's. */
export function namespaceLiveOnly(ns: NetnsIdentity): string | null {
  // Where PID 1's namespace cannot be read (a container, a sandbox), a namespace that
  // `ip netns` named is still not the host's own: ip netns add always makes a new one.
  const lab = ns.isInitial === false || (ns.isInitial === null && ns.name !== null);
  if (!lab) return null;
  return (
    `live only: this runs in network namespace ${netnsLabel(ns)}, not the host's, so nothing is saved ` +
    "(the host's NetworkManager, netplan, networkd and ifupdown configuration is left alone); " +
    "the route lasts as long as the namespace"
  );
}

export async function persistenceOf(
  ctx: PersistenceContext,
  v: ValidChange,
  c: RouteChange,
  argv: string[],
): Promise<PersistencePlan> {
  const none = { argv: null, revertArgv: null };
  if (ctx.liveOnly) return { persistent: false, system: "none", ...none, note: ctx.liveOnly };
  if (ctx.platform.os === "linux") {
    if (c.persistent && ctx.persistence) return ctx.persistence(v);
    const note =
      c.action === "add"
        ? "live only: gone after a reboot (add --persist to keep it)"
        : "live only: if the route is in the saved network configuration, it comes back at reboot (add --persist)";
    return { persistent: false, system: "none", ...none, note };
  }
  if (c.action === "delete")
    return {
      persistent: true,
      system: "windows",
      ...none,
      note: "removes the route from the persistent store too",
    };
  const stored = c.persistent && (argv.includes("-p") || !argv.includes("ActiveStore"));
  return stored
    ? {
        persistent: true,
        system: "windows",
        ...none,
        note: "persistent: the command stores the route, it survives a reboot",
      }
    : {
        persistent: false,
        system: "windows",
        ...none,
        note: "live only: gone after a reboot (add --persist to keep it)",
      };
}
