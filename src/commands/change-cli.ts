// What route, undo, keep and journal share on the command line: the wiring to
// this host, the journal report at startup, the plan as people read it, and
// the confirmation on the terminal.
import { createInterface } from "node:readline";
import type { ChangeRunner, JournalStatus } from "../app/change/runner.js";
import { formatArgv, waysLines } from "../app/change/text.js";
import { hostChangeRunner } from "../app/change/wiring.js";
import { analyze } from "../core/analyze.js";
import type { ImpactRow } from "../core/impact.js";
import type { ChangedWays } from "../core/impact-ways.js";
import type { Analysis } from "../core/model.js";
import { dateTimeText } from "../core/time-text.js";
import { describeIntent } from "../system/journal/describe.js";
import type { Platform } from "../system/platform.js";
import { CliError, type Ctx } from "./context.js";
import { endpointText } from "./json-contract.js";
import { loadPolicy } from "./policy-load.js";
import { hostPlatform } from "./snapshot-command.js";
import { wholeIn } from "./whole-number.js";

/** Reads one line typed at the terminal; null on timeout or end of input. */
type Ask = (prompt: string, timeoutMs?: number) => Promise<string | null>;

export interface ChangeCliDeps {
  ask: Ask;
  platform: (ctx: Ctx) => Promise<Platform>;
  changes: (ctx: Ctx, platform: Platform, readOnly: boolean) => ChangeRunner;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

function terminalAsk(ctx: Ctx): Ask {
  return (prompt, timeoutMs) =>
    new Promise((resolve) => {
      ctx.out(prompt);
      const rl = createInterface({ input: process.stdin, terminal: false });
      let done = false;
      const finish = (line: string | null) => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        rl.close();
        resolve(line);
      };
      const timer = timeoutMs !== undefined ? setTimeout(() => finish(null), timeoutMs) : undefined;
      rl.once("line", (line) => finish(line));
      rl.once("close", () => finish(null));
    });
}

export function defaultChangeDeps(ctx: Ctx): ChangeCliDeps {
  return {
    ask: terminalAsk(ctx),
    platform: hostPlatform,
    changes: (c, platform, readOnly) =>
      hostChangeRunner(platform, {
        os: platform.os,
        runner: c.runner,
        env: c.env,
        readOnly,
        // Windows has no uid to look at: route.exe itself says when it needs elevation.
        privileged: c.isRoot || platform.os === "windows",
        self: c.self,
      }).changes,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
  };
}

export async function currentAnalysis(platform: Platform, policyFile: string | undefined): Promise<Analysis> {
  const { policy, source } = await loadPolicy(policyFile);
  const snapshot = await platform.collect({ processNames: true });
  return analyze(snapshot, { policy, policySource: source, now: snapshot.takenAt });
}

const clock = dateTimeText;

/** Interrupted changes and dead watchdogs, said at the start of every change command. */
export function reportJournal(ctx: Ctx, st: JournalStatus): void {
  for (const w of st.warnings) ctx.err(`dualhome: warning: journal: ${w}\n`);
  for (const i of st.interrupted) ctx.err(`dualhome: warning: ${i.message}\n`);
  for (const i of st.overdue)
    ctx.err(
      `dualhome: warning: change ${i.id} (${describeIntent(i)}) was due to revert at ${clock(i.rollbackAt ?? 0)} ` +
        `but no revert was recorded (its watchdog died): it is still applied; run \`${ctx.self} undo\` or \`${ctx.self} keep ${i.id}\`\n`,
    );
  for (const i of st.pending)
    ctx.err(
      `dualhome: note: change ${i.id} (${describeIntent(i)}) reverts at ${clock(i.rollbackAt ?? 0)} unless kept\n`,
    );
}

const way = (w: { interface: string | null; gateway: string | null }) =>
  w.interface ? `${w.interface}${w.gateway ? ` via ${w.gateway}` : " on-link"}` : "no route";

/** The impact, the operator's own session first and loudly. */
export function impactLines(rows: readonly ImpactRow[]): string[] {
  if (rows.length === 0) return ["impact: no live connection changes card or gateway"];
  const out = [`impact: ${rows.length} live connection${rows.length === 1 ? "" : "s"} would move:`];
  for (const r of rows) {
    const c = r.connection;
    const flow = `${c.protocol} ${endpointText(c.local)} -> ${endpointText(c.remote)} ${c.state}`;
    const move = `${way(r.before)} -> ${way(r.after)}`;
    // Not a flow: what must stay where it is (a card's own subnet, a cloud agent address).
    if (r.guarded !== undefined) {
      out.push(`  !!! ${r.guarded} moves ${move}: this change may cut the host off !!!`);
      continue;
    }
    out.push(
      r.operatorSession
        ? `  !!! YOUR OWN SESSION: ${flow} moves ${move}: this change may cut your connection !!!`
        : `  ${flow}: ${move}`,
    );
  }
  return out;
}

interface PlanText {
  commands: string[][];
  revert: string[][];
  persistence?: { note: string; snippet?: string | undefined };
  rollbackAfterS?: number;
  impact: readonly ImpactRow[];
  ways?: ChangedWays;
  warnings: readonly string[];
}

export function printPlan(ctx: Ctx, p: PlanText): void {
  const lines = ["dualhome will run:", ...p.commands.map((a) => `  ${formatArgv(a)}`)];
  if (p.revert.length) lines.push("to revert it:", ...p.revert.map((a) => `  ${formatArgv(a)}`));
  if (p.persistence) {
    lines.push(`persistence: ${p.persistence.note}`);
    if (p.persistence.snippet) lines.push(...p.persistence.snippet.split("\n").map((l) => `    ${l}`));
  }
  if (p.rollbackAfterS)
    lines.push(
      `rollback: reverts by itself ${p.rollbackAfterS} s after it is applied unless you run \`${ctx.self} keep\``,
    );
  lines.push(...impactLines(p.impact), ...waysLines(p.ways).map((l) => `  ${l}`));
  for (const w of p.warnings) lines.push(`warning: ${w}`);
  ctx.out(`${lines.join("\n")}\n`);
}

/** Asks y/N on the terminal; refuses outright without one. Returns true to go ahead. */
export async function confirm(ctx: Ctx, deps: ChangeCliDeps, question: string): Promise<boolean> {
  if (!ctx.stdinIsTTY) throw new CliError("no terminal to confirm on: add --yes", 1);
  const answer = await deps.ask(`${question} [y/N] `);
  return answer !== null && /^\s*y(es)?\s*$/i.test(answer);
}

export function parseWhole(text: string | undefined, what: string, max: number): number | undefined {
  return text === undefined ? undefined : wholeIn(text, what, 0, max, "a whole number");
}

export { clock as timeText };
