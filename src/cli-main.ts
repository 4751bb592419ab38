// The program: parse argv, choose the platform, run a command or the TUI.
// Entered from cli.ts (tsc build) and from bundle-main.ts (the single executable).

import { CommanderError } from "commander";
import { CliError, type Ctx, errorLines } from "./commands/context.js";
import { applyColour } from "./commands/paint.js";
import { buildProgram } from "./commands/program.js";
import { errorText } from "./core/errors.js";
import { visibleText } from "./core/visible-text.js";
import { createRunner } from "./system/exec/runner.js";
import { hostOs, isPrivileged } from "./system/host.js";

function makeCtx(): Ctx {
  const ctx: Ctx = {
    // Every text for people passes here: control characters from card names, saved files
    // and tool output are shown escaped, never obeyed by the terminal; colour marks become SGR last.
    out: (t) => process.stdout.write(applyColour(visibleText(t), !!ctx.color)),
    err: (t) => process.stderr.write(errorLines(visibleText(t))),
    runner: createRunner(),
    os: hostOs(),
    isRoot: isPrivileged(),
    self: process.env.DUALHOME_SELF ?? "dualhome",
    env: process.env,
    stdinIsTTY: !!process.stdin.isTTY,
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  };
  return ctx;
}

export async function main(): Promise<void> {
  const ctx = makeCtx();
  let code = 0;
  const program = buildProgram(ctx, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    code = failureCode(ctx, e);
  } finally {
    await ctx.remote?.close();
  }
  process.exitCode = code;
}

function failureCode(ctx: Ctx, e: unknown): number {
  // Commander already printed its one line (or the help / version).
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof CliError) {
    ctx.err(`dualhome: ${e.message}\n`);
    return e.exitCode;
  }
  ctx.err(
    `dualhome: unexpected error: ${errorText(e)}\n(please report it; run with DUALHOME_DEBUG=1 for details)\n`,
  );
  if (process.env.DUALHOME_DEBUG) ctx.err(`${e instanceof Error ? e.stack : ""}\n`);
  return 2;
}
