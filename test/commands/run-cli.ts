// Runs the command line in-process with captured output, as bin/dualhome.js would.
import { CommanderError } from "commander";
import { CliError, type Ctx } from "../../src/commands/context.js";
import { buildProgram } from "../../src/commands/program.js";
import type { CommandRunner } from "../../src/system/exec/runner-types.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const noRunner: CommandRunner = {
  run: (argv) => Promise.reject(new Error(`this test runs no OS command, but ${argv.join(" ")} was run`)),
};

export async function runCli(args: string[], over: Partial<Ctx> = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  let code = 0;
  const ctx: Ctx = {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    runner: noRunner,
    os: "linux",
    isRoot: false,
    self: "dualhome",
    env: {},
    stdinIsTTY: false,
    ...over,
  };
  const program = buildProgram(ctx, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(["node", "dualhome", ...args]);
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else if (e instanceof CliError) {
      stderr += `dualhome: ${e.message}\n`;
      code = e.exitCode;
    } else throw e;
  }
  return { code, stdout, stderr };
}
