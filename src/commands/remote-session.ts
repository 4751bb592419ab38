// --ssh [user@]host: the command reads that host instead of this one. The context's
// runner, OS and privilege become the remote host's, so every collector runs there
// unchanged; what cannot run remotely yet is refused before anything starts.
import { statSync } from "node:fs";
import { errorText } from "../core/errors.js";
import { CommandError } from "../system/exec/runner-types.js";
import { sshTargetError } from "../system/exec/ssh-runner.js";
import { connectRemote } from "../system/remote-host.js";
import { CliError, type Ctx } from "./context.js";

/** The commands that work over --ssh; the rest change the host or probe from it. */
export const REMOTE_COMMANDS = ["watch", "snapshot", "check", "explain", "probe", "export"] as const;

export function refuseOverSsh(command: string, target: string): CliError {
  if (command === "demo" || command === "analyze")
    return new CliError(`${command} reads no live host: drop --ssh`);
  if (command === "audit")
    return new CliError("audit takes its hosts as arguments, not --ssh: dualhome audit HOST...");
  return new CliError(
    `${command} does not work over --ssh yet (only ${REMOTE_COMMANDS.join(", ")}, read-only): ` +
      `changes and the guided fix need dualhome on the host itself (ssh -t ${target} sudo dualhome ${command} …)`,
  );
}

/** -F FILE for ssh, checked here so a typo is one line, not ssh's usage text. */
export function sshConfigFile(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    if (statSync(file).isFile()) return file;
  } catch {
    // told below
  }
  throw new CliError(`--ssh-config ${file}: no such file`);
}

export async function attachRemote(ctx: Ctx, target: string, configFile: string | undefined): Promise<void> {
  const bad = sshTargetError(target);
  if (bad) throw new CliError(`--ssh: ${bad}`);
  const cfg = sshConfigFile(configFile);
  try {
    const remote = await connectRemote(ctx.runner, target, {
      multiplex: ctx.os !== "windows",
      ...(cfg ? { configFile: cfg } : {}),
    });
    ctx.remote = remote;
    ctx.runner = remote.runner;
    ctx.os = remote.os;
    ctx.isRoot = remote.isRoot;
  } catch (e) {
    if (e instanceof CommandError) throw new CliError(e.message);
    throw new CliError(`--ssh ${target}: ${errorText(e)}`);
  }
}
