// `dualhome analyze --platform P …files`: the diagnosis of another machine from
// its saved command outputs; the same JSON and exit codes as snapshot / check.
import { analyze } from "../core/analyze.js";
import type { NetInterface, RouteChange } from "../core/model.js";
import { echoInput } from "../core/visible-text.js";
import { SAVED_FILE_OPTIONS, snapshotFromSaved } from "../system/analyze-saved.js";
import { linuxChangeArgv } from "../system/linux/linux-commands.js";
import { snapshotFromSavedLinux } from "../system/linux/saved.js";
import { powershellRouteArgv, routeExeArgv } from "../system/windows/route-argv.js";
import { CliError, type Ctx } from "./context.js";
import { loadPolicy } from "./policy-load.js";
import { readSaved } from "./saved-files.js";
import { report } from "./snapshot-command.js";

export const LINUX_FILE_OPTIONS = {
  ipRoute: "--ip-route",
  ipRule: "--ip-rule",
  ipAddr: "--ip-addr",
  ss: "--ss",
} as const;

const PLATFORM_KEYS: Record<string, string[]> = {
  windows: ["routePrint", "netstat", "ipconfig", "psInterfaces", "psAddresses", "psRoutes", "psTcp", "psUdp"],
  darwin: ["netstatRn", "netstatAn", "ifconfig"],
  linux: Object.keys(LINUX_FILE_OPTIONS),
};

export function allFileOptions(): Record<string, string> {
  return { ...SAVED_FILE_OPTIONS, ...LINUX_FILE_OPTIONS };
}

export interface AnalyzeCommandOptions extends Record<string, string | boolean | undefined> {
  platform?: string;
  json?: boolean;
  host?: string;
  policy?: string;
}

export async function analyzeCommand(ctx: Ctx, o: AnalyzeCommandOptions): Promise<number> {
  const platform = o.platform;
  // Own keys only: `--platform __proto__` or `constructor` must not find Object's members.
  if (!platform || !Object.hasOwn(PLATFORM_KEYS, platform))
    throw new CliError(
      `--platform must be windows, linux or darwin (got ${platform === undefined ? "nothing" : echoInput(platform)})`,
    );
  const options = allFileOptions();
  const allowed = PLATFORM_KEYS[platform] as string[];
  const files: Record<string, string> = {};
  for (const [key, flag] of Object.entries(options)) {
    const path = o[key];
    if (typeof path !== "string") continue;
    if (!allowed.includes(key))
      throw new CliError(
        `${flag} is not a ${platform} file; ${platform} takes ${allowed.map((k) => options[k]).join(", ")}`,
      );
    files[key] = await readSaved(path, flag);
  }
  if (Object.keys(files).length === 0)
    throw new CliError(`give at least one saved output: ${allowed.map((k) => `${options[k]} F`).join(", ")}`);
  const { policy, source } = await loadPolicy(o.policy);
  const host = o.host ?? "saved";
  const snapshot =
    platform === "linux"
      ? snapshotFromSavedLinux(files, host)
      : snapshotFromSaved(platform as "windows" | "darwin", files, { host, takenAt: Date.now() });
  const analysis = analyze(snapshot, { policy, policySource: source, now: snapshot.takenAt });
  for (const p of analysis.policyProblems ?? []) ctx.err(`dualhome: ${p}\n`);
  const cards = snapshot.interfaces.ok ? snapshot.interfaces.value : [];
  const usesPowerShell = Object.keys(files).some((k) => k.startsWith("ps"));
  const render = (change: RouteChange) => renderFor(platform, usesPowerShell, change, cards);
  return report(ctx, analysis, render, { json: !!o.json, full: true });
}

function renderFor(
  platform: string,
  ps: boolean,
  change: RouteChange,
  cards: NetInterface[],
): string[] | null {
  try {
    if (platform === "linux") return linuxChangeArgv(change, cards);
    if (platform === "windows") return ps ? powershellRouteArgv(change, cards) : routeExeArgv(change, cards);
    return null;
  } catch {
    return null;
  }
}
