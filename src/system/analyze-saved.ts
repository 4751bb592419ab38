// `dualhome analyze`: a Snapshot from command outputs saved on another machine. Any
// subset works; what is missing becomes a failed part that says which file to pass.
import type { Snapshot } from "../core/model.js";
import { darwinConnectionsPart, darwinInterfacesPart, darwinRoutesPart } from "./darwin/darwin-parts.js";
import { assembleSnapshot, type SnapshotMeta } from "./windows/assemble.js";
import { classicInterfacesPart, netstatPart, routePrintPart, type Source } from "./windows/classic-parts.js";
import { psConnectionsPart, psInterfacesPart, psRoutesPart } from "./windows/powershell-parts.js";

export type SavedPlatform = "windows" | "darwin";

/** File key → the CLI option that gives it, for "not given" messages. */
export const SAVED_FILE_OPTIONS = {
  routePrint: "--route-print",
  netstat: "--netstat",
  ipconfig: "--ipconfig",
  psInterfaces: "--ps-interfaces",
  psAddresses: "--ps-addresses",
  psRoutes: "--ps-routes",
  psTcp: "--ps-tcp",
  psUdp: "--ps-udp",
  netstatRn: "--netstat-rn",
  netstatAn: "--netstat-an",
  ifconfig: "--ifconfig",
} as const;

export type SavedFileKey = keyof typeof SAVED_FILE_OPTIONS;

const WINDOWS_KEYS: SavedFileKey[] = [
  "routePrint",
  "netstat",
  "ipconfig",
  "psInterfaces",
  "psAddresses",
  "psRoutes",
  "psTcp",
  "psUdp",
];
const DARWIN_KEYS: SavedFileKey[] = ["netstatRn", "netstatAn", "ifconfig"];

export interface SavedOptions {
  host?: string;
  takenAt?: number;
}

export function snapshotFromSaved(
  platform: SavedPlatform,
  files: Record<string, string>,
  opts: SavedOptions = {},
): Snapshot {
  const src = (key: SavedFileKey, also?: SavedFileKey): Source => {
    const text = files[key];
    if (typeof text === "string") return { ok: true, value: text };
    const alt = also ? ` (or ${SAVED_FILE_OPTIONS[also]} F)` : "";
    return { ok: false, error: `not given: pass ${SAVED_FILE_OPTIONS[key]} F${alt}` };
  };
  const has = (key: SavedFileKey) => typeof files[key] === "string";
  const known = platform === "windows" ? WINDOWS_KEYS : DARWIN_KEYS;
  const notes = Object.keys(files)
    .filter((k) => !(known as string[]).includes(k))
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
