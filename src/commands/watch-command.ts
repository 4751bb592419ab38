// `dualhome` / `dualhome watch` on this host, and `dualhome demo` on the simulated server.
import { demoChangeRunner, hostChangeRunner } from "../app/change/wiring.js";
import { runTui } from "../components/run-tui.js";
import type { Policy } from "../core/policy.js";
import { chooseDemo } from "../system/choose-platform.js";
import { describeIntent } from "../system/journal/describe.js";
import { type ProbeResult, probe, probeFailure } from "../system/probe.js";
import { parseWhole, timeText } from "./change-cli.js";
import { CliError, type Ctx } from "./context.js";
import { type GuidedOptions, runGuided } from "./fix-command.js";
import { loadPolicy } from "./policy-load.js";
import { hostPlatform } from "./snapshot-command.js";
import { wholeIn } from "./whole-number.js";

export interface ScreenOptions {
  policy?: string;
  interval: string;
  readOnly?: boolean;
  color: boolean;
  ascii?: boolean;
  /** Seconds before a change made in the TUI reverts by itself unless kept; default 60, 0 = off. */
  rollbackAfter?: string;
  /** demo only: "external,internal" names for the two simulated cards. */
  cardNames?: string;
}

/** `--card-names "Ethernet,イーサネット 2"`: two different names, printable, short. */
function cardNames(text: string): [string, string] {
  const names = text.split(",").map((n) => n.trim());
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a card name must not carry control characters
  const bad = (n: string) => n === "" || n.length > 64 || /[\x00-\x1f\x7f]/.test(n);
  const [ext, int] = names;
  if (names.length !== 2 || ext === undefined || int === undefined || bad(ext) || bad(int) || ext === int)
    throw new CliError(
      `--card-names wants two different names, external then internal, such as "Ethernet,Ethernet 2"; got "${text}"`,
    );
  return [ext, int];
}

function interval(text: string): number {
  return wholeIn(text, "--interval", 100, 3_600_000, "a number of milliseconds");
}

function requireTerminal(ctx: Ctx, what: string): void {
  if (!process.stdout.isTTY || !ctx.stdinIsTTY)
    throw new CliError(
      `${what} needs a terminal; for scripts use \`dualhome snapshot --json\` or \`dualhome check\``,
    );
}

function screenFlags(ctx: Ctx, o: ScreenOptions) {
  return {
    intervalMs: interval(o.interval),
    ascii: !!o.ascii || ctx.env.DUALHOME_ASCII === "1",
    color: o.color && !ctx.env.NO_COLOR,
    readOnly: !!o.readOnly,
    rollbackAfterS: parseWhole(o.rollbackAfter, "--rollback-after", 86_400) ?? 60,
  };
}

function guidedOptions(flags: ReturnType<typeof screenFlags>, policy: Policy | null): GuidedOptions {
  return {
    policy,
    rollbackAfterS: flags.rollbackAfterS,
    readOnly: flags.readOnly,
    ascii: flags.ascii,
    color: flags.color,
  };
}

// A connect from here would leave this host's card, not the remote one's: say so, do not guess.
function remoteProbeRefused(host: string, port: number, target: string): ProbeResult {
  return probeFailure(
    host,
    port,
    `probes over --ssh work on Linux hosts only: run dualhome probe on ${target}`,
  );
}

export async function watchCommand(ctx: Ctx, o: ScreenOptions): Promise<number> {
  const flags = screenFlags(ctx, o);
  const { policy, source } = await loadPolicy(o.policy);
  requireTerminal(ctx, "the live screen");
  const platform = await hostPlatform(ctx, { live: true });
  const remote = ctx.remote?.target;
  // Over --ssh this machine's journal is not that host's: no change runner at all, so u
  // cannot offer to undo a change made here, and a, d, f, u say why instead.
  const changes = remote
    ? null
    : hostChangeRunner(platform, {
        os: platform.os,
        runner: ctx.runner,
        env: ctx.env,
        readOnly: flags.readOnly,
        // Windows has no uid to look at: route.exe itself says when it needs elevation.
        privileged: ctx.isRoot || platform.os === "windows",
        self: ctx.self,
      }).changes;
  try {
    // `p` in the live screen: the same TCP connect as `dualhome probe`.
    const tcpProbe = (host: string, port: number) =>
      platform.probe
        ? platform.probe(host, port, 5000)
        : remote
          ? Promise.resolve(remoteProbeRefused(host, port, remote))
          : probe(host, port, { timeoutMs: 5000 });
    // F hands the terminal to the guided fix; the live screen comes back after it.
    while (
      (await runTui({
        platform,
        policy,
        policySource: source,
        ...flags,
        ...(changes
          ? { changes }
          : {
              noChanges: `route changes over --ssh are not supported yet: run dualhome on ${remote} itself`,
            }),
        probe: tcpProbe,
        // The guided fix changes the host: not over --ssh until its watchdog runs there.
        guided: !remote,
      })) === "guided"
    )
      await runGuided(ctx, platform, null, guidedOptions(flags, policy));
  } finally {
    await platform.close?.();
  }
  // The screen is gone but a change may still count down, held by its detached watchdog.
  for (const i of changes?.status().pending ?? [])
    ctx.err(
      `dualhome: change ${i.id} (${describeIntent(i)}) is applied but not kept: the watchdog reverts it at ` +
        `${timeText(i.rollbackAt ?? 0)}; to keep it, run \`${ctx.self} keep ${i.id}\` before then\n`,
    );
  return 0;
}

export async function demoCommand(ctx: Ctx, o: ScreenOptions): Promise<number> {
  const flags = screenFlags(ctx, o);
  const demo = chooseDemo(o.cardNames ? cardNames(o.cardNames) : undefined);
  const loaded = o.policy ? await loadPolicy(o.policy) : { policy: demo.policy, source: "demo policy" };
  const { policy, source } = loaded;
  requireTerminal(ctx, "the demo");
  const platform = demo.platform;
  const changes = demoChangeRunner(platform, { readOnly: flags.readOnly });
  while (
    (await runTui({ platform, policy, policySource: source, ...flags, changes, guided: true })) === "guided"
  )
    await runGuided(ctx, platform, platform, { ...guidedOptions(flags, policy), changes });
  // The demo's watchdog lives in this process: what counted down ends with it.
  for (const i of changes.status().pending)
    ctx.err(
      `dualhome demo: change ${i.id} (${describeIntent(i)}) was still counting down (it would have reverted at ` +
        `${timeText(i.rollbackAt ?? 0)}): the demo ends with it; nothing real was changed\n`,
    );
  return 0;
}
