// `dualhome` / `dualhome watch` on this host, and `dualhome demo` on the simulated server.
import { runTui } from "../components/run-tui.js";
import { PRIVATE_V4 } from "../core/ip.js";
import type { Policy } from "../core/policy.js";
import { INT_GATEWAY } from "../system/simulated/demo-host.js";
import { createDemoPlatform } from "../system/simulated/demo-platform.js";
import { CliError, type Ctx } from "./context.js";
import { loadPolicy } from "./policy-load.js";
import { hostPlatform } from "./snapshot-command.js";

export interface ScreenOptions {
  policy?: string;
  interval: string;
  readOnly?: boolean;
  color: boolean;
  ascii?: boolean;
}

function interval(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 100 || ms > 3_600_000)
    throw new CliError(`--interval "${text}" is not a number of milliseconds from 100 to 3600000`);
  return ms;
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
  };
}

export async function watchCommand(ctx: Ctx, o: ScreenOptions): Promise<number> {
  const flags = screenFlags(ctx, o);
  const { policy, source } = await loadPolicy(o.policy);
  requireTerminal(ctx, "the live screen");
  const platform = await hostPlatform(ctx);
  try {
    await runTui({ platform, policy, policySource: source, ...flags });
  } finally {
    await platform.close?.();
  }
  return 0;
}

/** The demo server's admin wrote down the intent, as the guided fix would: private ranges via int. */
export const DEMO_POLICY: Policy = {
  rules: [{ name: "internal", destinations: [...PRIVATE_V4], interface: "int", gateway: INT_GATEWAY }],
};

export async function demoCommand(ctx: Ctx, o: ScreenOptions): Promise<number> {
  const flags = screenFlags(ctx, o);
  const loaded = o.policy ? await loadPolicy(o.policy) : { policy: DEMO_POLICY, source: "demo policy" };
  const { policy, source } = loaded;
  requireTerminal(ctx, "the demo");
  const platform = createDemoPlatform();
  await runTui({ platform, policy, policySource: source, ...flags });
  return 0;
}
