// `dualhome lab up | down | status`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { echoInput } from "../core/visible-text.js";
import { spawnDetached } from "../system/exec/runner-detached.js";
import { isBundled } from "../system/exec/self-launch.js";
import { LabError, labDown, labStatus, labUp } from "../system/lab/lab.js";
import { CliError, type Ctx, printJson } from "./context.js";

const LAB_PREFIX = /^[A-Za-z][A-Za-z0-9-]{0,15}$/;

const agentPath = path.join(path.dirname(fileURLToPath(import.meta.url)), "../system/lab/lab-agent.js");

export async function labCommand(
  ctx: Ctx,
  action: string,
  opts: { json?: boolean; prefix?: string },
): Promise<number> {
  if (ctx.os === "unsupported")
    throw new CliError("lab needs Linux network namespaces; this OS is not supported");
  // The lab's agents are a script of their own (lab-agent.js), which one file does not carry.
  if (action === "up" && isBundled())
    throw new CliError(
      "lab up needs the npm package or a checkout (its agents are separate scripts): run node bin/dualhome.js lab up",
    );
  // The prefix becomes namespace names that `lab down` must find again: `a b` or `x/y`
  // made namespaces it could not.
  if (opts.prefix !== undefined && !LAB_PREFIX.test(opts.prefix))
    throw new CliError(
      `--prefix ${echoInput(opts.prefix, 40)}: use 1 to 16 letters, digits or dashes, starting with a letter`,
    );
  const deps = {
    runner: ctx.runner,
    spawnDetached,
    os: ctx.os,
    isRoot: ctx.isRoot,
    nodePath: process.execPath,
    agentPath,
    self: ctx.self,
  };
  try {
    if (action === "status") {
      const st = await labStatus(deps, opts.prefix);
      if (opts.json)
        printJson(ctx, {
          up: st.up,
          namespaces: st.namespaces,
          missing: st.missing,
          agents: st.agents,
          processes: st.processes,
        });
      else ctx.out(`${st.lines.join("\n")}\n`);
      return st.up ? 0 : 1;
    }
    const lines = action === "up" ? await labUp(deps, opts.prefix) : await labDown(deps, opts.prefix);
    ctx.out(`${lines.join("\n")}\n`);
    return 0;
  } catch (e) {
    if (e instanceof LabError) throw new CliError(e.message);
    throw e;
  }
}
