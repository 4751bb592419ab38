// What every command gets: where to write, how to run OS commands, facts about the host.
import type { OsKind } from "../core/model.js";
import type { CommandRunner } from "../system/runner-types.js";

export interface Ctx {
  out: (text: string) => void;
  err: (text: string) => void;
  runner: CommandRunner;
  os: OsKind | "unsupported";
  isRoot: boolean;
  /** How people start us, for hints: "dualhome" or "npx dualhome". */
  self: string;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
}

/** An error for people: one line on stderr, then exit with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function printJson(ctx: Ctx, value: unknown): void {
  ctx.out(`${JSON.stringify(value, null, 2)}\n`);
}
