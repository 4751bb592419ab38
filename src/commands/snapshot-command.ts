// `dualhome snapshot` and `dualhome check`: one poll, analysed.
import { analyze } from "../core/analyze.js";
import type { Analysis } from "../core/model.js";
import { choosePlatform, UnsupportedHostError } from "../system/choose-platform.js";
import type { Platform } from "../system/platform.js";
import { CliError, type Ctx, printJson } from "./context.js";
import { formatAnalysis } from "./format-analysis.js";
import { type ArgvRenderer, analysisJson, checkExitCode } from "./json-contract.js";
import { painter } from "./paint.js";
import { loadPolicy } from "./policy-load.js";

export interface AnalysisOptions {
  json?: boolean;
  policy?: string;
}

export async function hostPlatform(ctx: Ctx, opts: { live?: boolean } = {}): Promise<Platform> {
  try {
    return await choosePlatform(ctx.os, ctx.runner, {
      isRoot: ctx.isRoot,
      ...opts,
      ...(ctx.remote ? { remote: ctx.remote } : {}),
    });
  } catch (e) {
    if (e instanceof UnsupportedHostError) throw new CliError(e.message);
    throw e;
  }
}

export function argvRenderer(platform: Pick<Platform, "changeArgv">, analysis: Analysis): ArgvRenderer {
  const cards = analysis.snapshot.interfaces.ok ? analysis.snapshot.interfaces.value : [];
  return (change) => {
    if (!platform.changeArgv) return null;
    try {
      return platform.changeArgv(change, cards);
    } catch {
      return null;
    }
  };
}

/** Prints an analysis as people or scripts want it; returns check's exit code. */
export function report(
  ctx: Ctx,
  analysis: Analysis,
  render: ArgvRenderer,
  opts: { json?: boolean; full: boolean },
): number {
  if (opts.json) printJson(ctx, analysisJson(analysis, render));
  else ctx.out(formatAnalysis(analysis, render, { full: opts.full, paint: painter(!!ctx.color) }));
  return checkExitCode(analysis);
}

export async function snapshotCommand(
  ctx: Ctx,
  opts: AnalysisOptions,
  mode: "snapshot" | "check",
): Promise<number> {
  const { policy, source } = await loadPolicy(opts.policy);
  const platform = await hostPlatform(ctx);
  try {
    const snapshot = await platform.collect({ processNames: true });
    const analysis = analyze(snapshot, { policy, policySource: source, now: snapshot.takenAt });
    for (const p of analysis.policyProblems ?? []) ctx.err(`dualhome: ${p}\n`);
    const code = report(ctx, analysis, argvRenderer(platform, analysis), {
      json: !!opts.json,
      full: mode === "snapshot",
    });
    // snapshot always succeeds when it could print; check speaks through its exit code.
    return mode === "check" ? code : code === 2 ? 2 : 0;
  } finally {
    await platform.close?.();
  }
}
