// Whether a change survives a reboot, and how: Linux asks the network manager
// that owns the card (planLinuxPersistence), Windows' route.exe -p and
// New-NetRoute's persistent store keep it by themselves.
import type { RouteChange } from "../core/model.js";
import type { PersistencePlan } from "../system/linux/persistence.js";
import type { Platform } from "../system/platform.js";
import type { ValidChange } from "../system/validate.js";

export interface PersistenceContext {
  platform: Platform;
  persistence?: ((v: ValidChange) => Promise<PersistencePlan>) | undefined;
}

export async function persistenceOf(
  ctx: PersistenceContext,
  v: ValidChange,
  c: RouteChange,
  argv: string[],
): Promise<PersistencePlan> {
  const none = { argv: null, revertArgv: null };
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
