// The one vocabulary every backend builds a snapshot's parts with: a part holds its
// value or says why it has none (and what to do), never both, so the screen can show
// fresh routes beside a failed socket list.
import { errorText } from "../../core/errors.js";
import type { Part } from "../../core/model.js";
import { CommandError, type CommandRunner } from "../exec/runner-types.js";

/** A command's output, or why there is none. */
export type Source<T = string> = { ok: true; value: T } | { ok: false; error: string; hint?: string };

export function okPart<T>(value: T, warnings: string[] = []): Part<T> {
  return { ok: true, value, warnings };
}

export function errorPart<T>(error: string, hint?: string, warnings: string[] = []): Part<T> {
  return hint === undefined ? { ok: false, error, warnings } : { ok: false, error, hint, warnings };
}

/** A part from a source that has no output. */
export function failed<T>(source: { error: string; hint?: string }, warnings: string[] = []): Part<T> {
  return errorPart<T>(source.error, source.hint, warnings);
}

/** Why a command gave nothing; refused for want of rights, it says how to get them (`permissionHint`). */
export function commandFailure<T>(e: unknown, permissionHint: string, warnings: string[] = []): Part<T> {
  return errorPart<T>(errorText(e), hintFor(e, permissionHint), warnings);
}

function hintFor(e: unknown, permissionHint: string): string | undefined {
  return e instanceof CommandError && e.kind === "permission" ? permissionHint : undefined;
}

/** Runs a command and keeps either its output or the reason it has none. */
export async function sourceOf(
  runner: CommandRunner,
  argv: string[],
  permissionHint: string,
  signal?: AbortSignal,
): Promise<Source> {
  try {
    const r = await runner.run(argv, signal ? { signal } : {});
    return { ok: true, value: r.stdout };
  } catch (e) {
    const hint = hintFor(e, permissionHint);
    return hint ? { ok: false, error: errorText(e), hint } : { ok: false, error: errorText(e) };
  }
}
