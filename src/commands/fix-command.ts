// `dualhome fix`: the guided fix on this host, or with --demo on the simulated
// server. Exit 0 when the fix is proven, 1 when it ended unproven or stopped
// early, 2 when the tool failed.
import type { ChangeRunner } from "../app/change/runner.js";
import { demoFixDeps, hostFixDeps } from "../app/fix/wiring.js";
import { runFixSession } from "../components/fix/run-fix.js";
import type { Policy } from "../core/policy.js";
import { chooseDemo, type DemoPlatform } from "../system/choose-platform.js";
import { nodeFixFiles } from "../system/fix-files.js";
import type { Platform } from "../system/platform.js";
import { parseWhole, reportJournal } from "./change-cli.js";
import { CliError, type Ctx, type Globals } from "./context.js";
import { loadPolicy } from "./policy-load.js";
import { hostPlatform } from "./snapshot-command.js";

export interface FixOptions {
  demo?: boolean;
  rollbackAfter?: string;
}

export interface GuidedOptions {
  policy: Policy | null;
  rollbackAfterS: number;
  readOnly: boolean;
  ascii: boolean;
  color: boolean;
  /** The demo's live screen's runner: its journal holds what the screen left counting down. */
  changes?: ChangeRunner;
}

/** Runs one guided session on a platform (the demo's own, or this host's); returns fix's exit code. */
export async function runGuided(
  ctx: Ctx,
  platform: Platform,
  demo: DemoPlatform | null,
  o: GuidedOptions,
): Promise<number> {
  if (!platform.changeArgv)
    throw new CliError(
      `dualhome fix changes routes, and dualhome is read-only on ${platform.os}: use \`${ctx.self} check\` and \`${ctx.self} explain\`, or try \`${ctx.self} fix --demo\``,
    );
  const wiring = {
    files: nodeFixFiles(process.cwd()),
    policy: o.policy,
    rollbackAfterS: o.rollbackAfterS,
    readOnly: o.readOnly,
    self: ctx.self,
  };
  const deps = demo
    ? demoFixDeps(demo, wiring, o.changes)
    : hostFixDeps(platform, {
        ...wiring,
        os: platform.os,
        runner: ctx.runner,
        env: ctx.env,
        // Windows has no uid to look at: route.exe itself says when it needs elevation.
        privileged: ctx.isRoot || platform.os === "windows",
      });
  if (!demo) reportJournal(ctx, deps.changes.status());
  const last = await runFixSession({ ...deps, ascii: o.ascii, color: o.color, out: ctx.out });
  if (last.phase.kind === "fatal") return 2;
  return last.proof?.ok && !last.stopped ? 0 : 1;
}

export async function fixCommand(ctx: Ctx, o: FixOptions, g: Globals): Promise<number> {
  const rollbackAfterS = parseWhole(o.rollbackAfter, "--rollback-after", 86_400) ?? 60;
  const { policy } = await loadPolicy(g.policy);
  if (!process.stdout.isTTY || !ctx.stdinIsTTY)
    throw new CliError(
      "the guided fix needs a terminal; for scripts use `dualhome check` and `dualhome route add`",
    );
  const view = { ascii: !!g.ascii || ctx.env.DUALHOME_ASCII === "1", color: g.color && !ctx.env.NO_COLOR };
  const demo = o.demo ? chooseDemo().platform : null;
  const platform = demo ?? (await hostPlatform(ctx));
  try {
    return await runGuided(ctx, platform, demo, { policy, rollbackAfterS, readOnly: !!g.readOnly, ...view });
  } finally {
    await platform.close?.();
  }
}
