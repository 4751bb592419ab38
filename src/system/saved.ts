// `dualhome analyze`: a Snapshot from command outputs saved on another machine, and the
// argv its fixes would take there. Any subset works; what is missing becomes a failed
// part that says which file to pass. The one place above the backends that picks one
// for saved files.
import type { NetInterface, RouteChange, Snapshot } from "../core/model.js";
import {
  SAVED_FILE_OPTIONS,
  SAVED_FILES,
  type SavedFileKey,
  type SavedPlatform,
} from "../core/saved-files.js";
import { darwinConnectionsPart, darwinInterfacesPart, darwinRoutesPart } from "./darwin/darwin-parts.js";
import { linuxChangeArgv } from "./linux/linux-commands.js";
import { snapshotFromSavedLinux } from "./linux/saved.js";
import { assembleSnapshot, type SnapshotMeta } from "./parts/assemble.js";
import type { Source } from "./parts/part.js";
import { classicInterfacesPart, netstatPart, routePrintPart } from "./windows/classic-parts.js";
import { psConnectionsPart, psInterfacesPart, psRoutesPart } from "./windows/powershell-parts.js";
import { powershellRouteArgv, routeExeArgv } from "./windows/route-argv.js";

interface SavedOptions {
  host?: string;
  takenAt?: number;
}

export function snapshotFromSaved(
  platform: SavedPlatform,
  files: Record<string, string>,
  opts: SavedOptions = {},
): Snapshot {
  if (platform === "linux") return snapshotFromSavedLinux(files, opts.host ?? "saved");
  return windowsOrDarwin(platform, files, opts);
}

/** The argv that would make `change` on the saved machine (PowerShell's when its files were), or null. */
export function savedChangeArgv(
  platform: SavedPlatform,
  files: Record<string, string>,
  change: RouteChange,
  cards: NetInterface[],
): string[] | null {
  const usesPowerShell = Object.keys(files).some((k) => k.startsWith("ps"));
  try {
    if (platform === "linux") return linuxChangeArgv(change, cards);
    if (platform === "windows")
      return usesPowerShell ? powershellRouteArgv(change, cards) : routeExeArgv(change, cards);
    return null;
  } catch {
    return null;
  }
}

function windowsOrDarwin(
  platform: "windows" | "darwin",
  files: Record<string, string>,
  opts: SavedOptions,
): Snapshot {
  const src = (key: SavedFileKey, also?: SavedFileKey): Source => {
    const text = files[key];
    if (typeof text === "string") return { ok: true, value: text };
    const alt = also ? ` (or ${SAVED_FILE_OPTIONS[also]} F)` : "";
    return { ok: false, error: `not given: pass ${SAVED_FILE_OPTIONS[key]} F${alt}` };
  };
  const has = (key: SavedFileKey) => typeof files[key] === "string";
  const known = Object.keys(SAVED_FILES[platform]);
  const notes = Object.keys(files)
    .filter((k) => !known.includes(k))
    .map((k) => `ignored a saved file of unknown kind "${k}" for ${platform}`);
  const meta: SnapshotMeta = {
    platform,
    os: platform,
    host: opts.host ?? "",
    // Saved files say which tools made them; the findings care (route.exe -p pins an index).
    collector:
      platform === "darwin"
        ? "netstat"
        : has("psRoutes")
          ? "powershell"
          : has("routePrint")
            ? "route-print"
            : "analyze",
    takenAt: opts.takenAt ?? Date.now(),
    ...(notes.length > 0 ? { notes } : {}),
  };
  if (platform === "darwin") {
    return assembleSnapshot(
      meta,
      darwinInterfacesPart(has("ifconfig") ? src("ifconfig") : undefined, src("netstatRn")),
      darwinRoutesPart(src("netstatRn")),
      darwinConnectionsPart([src("netstatAn")]),
    );
  }
  let interfaces: ReturnType<typeof psInterfacesPart>;
  let host: string | undefined;
  if (has("psInterfaces") || has("psAddresses")) {
    interfaces = psInterfacesPart(src("psInterfaces"), src("psAddresses"));
  } else {
    const c = classicInterfacesPart(src("ipconfig", "routePrint"), src("routePrint"));
    host = c.host;
    const { host: _drop, ...part } = c;
    interfaces = { ...part, ipInterfaces: [] };
  }
  const { ipInterfaces, ...ifPart } = interfaces;
  const cards = ifPart.ok ? ifPart.value : [];
  const routes = has("psRoutes")
    ? psRoutesPart(src("psRoutes"), ipInterfaces, cards)
    : routePrintPart(src("routePrint", "psRoutes"));
  const connections = has("psTcp")
    ? psConnectionsPart(src("psTcp"), has("psUdp") ? src("psUdp") : undefined)
    : netstatPart(src("netstat", "psTcp"));
  return assembleSnapshot({ ...meta, host: opts.host ?? host ?? "" }, ifPart, routes, connections);
}
