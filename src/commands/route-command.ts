// `dualhome route add|del`: the exact command, its impact and persistence shown,
// confirmed on the terminal (or --yes), journaled, verified, optionally under
// auto-rollback until `dualhome keep`.
import type { ApplyOutcome, ChangeRunner } from "../app/change/runner.js";
import type { RouteChange } from "../core/model.js";
import { ValidationError } from "../core/route-change.js";
import {
  type ChangeCliDeps,
  confirm,
  currentAnalysis,
  defaultChangeDeps,
  parseWhole,
  printPlan,
  reportJournal,
  timeText,
} from "./change-cli.js";
import { CliError, type Ctx } from "./context.js";

export interface RouteOptions {
  via?: string;
  dev?: string;
  metric?: string;
  table?: string;
  persist?: boolean;
  yes?: boolean;
  rollbackAfter?: string;
  /** Stay until the change is kept or reverted, and say which. */
  wait?: boolean;
}

export interface ChangeGlobals {
  readOnly?: boolean;
  policy?: string;
}

export async function routeCommand(
  ctx: Ctx,
  action: "add" | "delete",
  prefix: string,
  o: RouteOptions,
  g: ChangeGlobals,
  deps: ChangeCliDeps = defaultChangeDeps(ctx),
): Promise<number> {
  const metric = parseWhole(o.metric, "--metric", 9999);
  const rollbackAfterS = parseWhole(o.rollbackAfter, "--rollback-after", 86_400) ?? 0;
  if (o.wait && rollbackAfterS === 0)
    throw new CliError("--wait needs --rollback-after <s>: there is nothing to wait for");
  const platform = await deps.platform(ctx);
  try {
    const changes = deps.changes(ctx, platform, !!g.readOnly);
    reportJournal(ctx, changes.status());
    const analysis = await currentAnalysis(platform, g.policy);
    const change: RouteChange = {
      action,
      destination: prefix,
      gateway: o.via ?? null,
      interface: o.dev ?? null,
      ...(metric !== undefined ? { metric } : {}),
      persistent: !!o.persist,
      ...(o.table !== undefined ? { table: o.table } : {}),
    };
    const p = await changes.prepare(change, analysis);
    if (p instanceof ValidationError) throw new CliError(p.message, 2);
    printPlan(ctx, {
      commands: [p.argv, ...(p.persistArgv ? [p.persistArgv] : [])],
      revert: [p.revertArgv, ...(p.persistRevertArgv ? [p.persistRevertArgv] : [])],
      persistence: { note: p.persistenceNote, snippet: p.persistenceSnippet },
      rollbackAfterS,
      impact: p.impact,
      ways: p.ways,
      warnings: p.warnings,
    });
    if (p.refusal) {
      // apply() refuses without running anything, with the full command to run elevated.
      const refused = await changes.apply(p, { rollbackAfterS });
      throw new CliError(refused.message, 1);
    }
    if (!o.yes) {
      const q = p.operatorAffected ? "This may cut your own session. Apply anyway?" : "Apply?";
      if (!(await confirm(ctx, deps, q))) throw new CliError("cancelled: nothing was changed", 1);
    }
    const out = await changes.apply(p, { rollbackAfterS });
    return await afterApply(ctx, deps, changes, out, { interactive: !o.yes, wait: !!o.wait });
  } finally {
    await platform.close?.();
  }
}

async function afterApply(
  ctx: Ctx,
  deps: ChangeCliDeps,
  changes: ChangeRunner,
  out: ApplyOutcome,
  how: { interactive: boolean; wait: boolean },
): Promise<number> {
  for (const w of out.warnings) ctx.err(`dualhome: warning: ${w}\n`);
  if (out.status === "refused") throw new CliError(out.message, 1);
  if (out.status === "failed") throw new CliError(out.message, 2);
  const id = out.id ?? "";
  if (out.status === "unverified") {
    const later = out.rollbackAt !== null ? `; it reverts at ${timeText(out.rollbackAt)} unless kept` : "";
    throw new CliError(`${out.message} (journal id ${id}${later})`, 1);
  }
  ctx.out(`${out.message} (journal id ${id})\n`);
  if (out.rollbackAt === null) return 0;
  const seconds = Math.max(0, Math.round((out.rollbackAt - deps.now()) / 1000));
  if (how.interactive && ctx.stdinIsTTY) {
    const answer = await deps.ask(
      `keep it? type keep (or c, the screen's keep key) and Enter within ${seconds} s (anything else reverts it now): `,
      Math.max(0, out.rollbackAt - deps.now()),
    );
    if (answer === null) ctx.out("\nnot kept in time: the watchdog reverts it\n");
    else if (/^\s*(k(eep)?|c)\s*$/i.test(answer)) {
      const kept = changes.keep(id);
      if (kept.status !== "kept") throw new CliError(kept.message, 1);
      ctx.out(`${kept.message}\n`);
      return 0;
    } else {
      const r = await changes.revertNow(id);
      if (r.status === "reverted") {
        ctx.out(`${r.message}\n`);
        return 1;
      }
      throw new CliError(r.message, r.status === "failed" ? 2 : 1);
    }
    return waitSettled(ctx, deps, changes, id, out.rollbackAt);
  }
  ctx.out(
    `it reverts by itself at ${timeText(out.rollbackAt)} (in ${seconds} s) unless you run \`${ctx.self} keep ${id}\`\n`,
  );
  return how.wait ? waitSettled(ctx, deps, changes, id, out.rollbackAt) : 0;
}

/** Follows the journal until the change is kept or reverted; 0 kept, 1 reverted, 2 the revert failed. */
async function waitSettled(
  ctx: Ctx,
  deps: ChangeCliDeps,
  changes: ChangeRunner,
  id: string,
  rollbackAt: number,
): Promise<number> {
  for (;;) {
    const e = changes.entry(id);
    if (e?.status === "kept") {
      ctx.out(`change ${id} was kept\n`);
      return 0;
    }
    if (e?.status === "reverted") {
      ctx.out(`change ${id} ${e.detail}\n`);
      return 1;
    }
    if (e?.status === "revert-failed") throw new CliError(`change ${id}: ${e.detail}`, 2);
    // Past the deadline with no watchdog at work: it died; say so instead of waiting forever.
    if (deps.now() > rollbackAt + 30_000)
      throw new CliError(
        `change ${id} was not reverted 30 s after its deadline: check \`${ctx.self} journal\``,
        2,
      );
    await deps.sleep(200);
  }
}
