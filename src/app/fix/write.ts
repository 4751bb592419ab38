// The guided fix's last phase: the policy file (YAML, or JSON by its name),
// then the summary beside it. A failure to write is reported, never fatal: the
// summary is still shown and printed.

import { errorText } from "../../core/errors.js";
import type { Policy } from "../../core/policy.js";
import type { Platform } from "../../system/platform.js";
import type { FixEvent } from "./machine.js";
import { policyFileText, summaryText } from "./summary.js";
import type { FixState, PlanStep } from "./types.js";

export interface FixFiles {
  /** Writes `text` to `path` (relative to the working directory); an existing file is kept as `<path>.bak`. */
  write(path: string, text: string): Promise<{ path: string; backup: string | null }>;
  /** The file called `name` in the directory of `file`. */
  beside(file: string, name: string): string;
}

interface WriteDeps {
  platform: Pick<Platform, "changeArgv">;
  files: FixFiles;
  self?: string;
  user?: string;
  /** How to undo, for the summary; default: the journal and `undo`. */
  undoHint?: string;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

function argvOfStep(platform: Pick<Platform, "changeArgv">, s: FixState) {
  const cards = s.analysis?.snapshot.interfaces.ok ? s.analysis.snapshot.interfaces.value : [];
  return (step: PlanStep): string[][] => {
    if (step.commands) return step.commands.map((c) => c.argv);
    if (!step.change || !platform.changeArgv) return [];
    try {
      return [platform.changeArgv(step.change, cards)];
    } catch {
      return [];
    }
  };
}

export async function writeOutputs(
  d: WriteDeps,
  s: FixState,
  policy: Policy,
  now: number,
): Promise<FixEvent> {
  const errors: string[] = [];
  const asked = s.answers.policyPath ?? "./dualhome-policy.yaml";
  let policyPath: string | null = null;
  try {
    const w = await d.files.write(asked, policyFileText(policy, s.host, now, /\.json$/i.test(asked)));
    policyPath = w.path;
    if (w.backup) errors.push(`the previous ${w.path} is kept as ${w.backup}`);
  } catch (e) {
    errors.push(`the policy file was not written: ${errorText(e)}`);
  }
  const summaryPath = d.files.beside(policyPath ?? asked, `dualhome-fix-${stamp(now)}.txt`);
  const ctx = {
    user: d.user ?? "",
    self: d.self ?? "dualhome",
    policyPath,
    argvOf: argvOfStep(d.platform, s),
    ...(d.undoHint ? { undoHint: d.undoHint } : {}),
  };
  let text = summaryText({ ...s, now }, { ...ctx, summaryPath });
  let written: string | null = null;
  try {
    written = (await d.files.write(summaryPath, text)).path;
  } catch (e) {
    errors.push(`the summary was not saved: ${errorText(e)}`);
    text = summaryText({ ...s, now }, { ...ctx, summaryPath: null });
  }
  return { type: "written", files: { policy: policyPath, summary: written, errors }, summary: text };
}
