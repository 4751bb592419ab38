// `dualhome analyze --platform P …files`: the diagnosis of another machine from
// its saved command outputs; the same JSON and exit codes as snapshot / check.
import { analyze } from "../core/analyze.js";
import type { RouteChange } from "../core/model.js";
import { isSavedPlatform, SAVED_FILE_OPTIONS, SAVED_FILES } from "../core/saved-files.js";
import { echoInput } from "../core/visible-text.js";
import { savedChangeArgv, snapshotFromSaved } from "../system/saved.js";
import { CliError, type Ctx } from "./context.js";
import { loadPolicy } from "./policy-load.js";
import { readSaved } from "./saved-files.js";
import { report } from "./snapshot-command.js";

export interface AnalyzeCommandOptions extends Record<string, string | boolean | undefined> {
  platform?: string;
  json?: boolean;
  host?: string;
  policy?: string;
}

export async function analyzeCommand(ctx: Ctx, o: AnalyzeCommandOptions): Promise<number> {
  const platform = o.platform;
  // Own keys only: `--platform __proto__` or `constructor` must not find Object's members.
  if (!platform || !isSavedPlatform(platform))
    throw new CliError(
      `--platform must be windows, linux or darwin (got ${platform === undefined ? "nothing" : echoInput(platform)})`,
    );
  const options: Record<string, string> = SAVED_FILE_OPTIONS;
  const allowed = Object.keys(SAVED_FILES[platform]);
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
  const snapshot = snapshotFromSaved(platform, files, { host, takenAt: Date.now() });
  const analysis = analyze(snapshot, { policy, policySource: source, now: snapshot.takenAt });
  for (const p of analysis.policyProblems ?? []) ctx.err(`dualhome: ${p}\n`);
  const cards = snapshot.interfaces.ok ? snapshot.interfaces.value : [];
  const render = (change: RouteChange) => savedChangeArgv(platform, files, change, cards);
  return report(ctx, analysis, render, { json: !!o.json, full: true });
}
