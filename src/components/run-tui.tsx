// Starts the live screen on a Platform and resolves when the user quits, with
// the terminal as it was (main screen back, cursor visible). The caller owns
// the platform and closes it.
import { render } from "ink";
import type { ChangeRunner } from "../app/change/runner.js";
import { createLiveSession } from "../app/live/session.js";
import type { ProbeFn } from "../app/probe.js";
import type { Policy } from "../core/policy.js";
import type { Platform } from "../system/platform.js";
import { App } from "./App.js";
import { rowDiffingOn } from "./ink-log.js";
import { guardedStdin } from "./input-guard.js";

interface TuiOptions {
  platform: Platform;
  policy: Policy | null;
  policySource: string;
  intervalMs: number;
  ascii: boolean;
  color: boolean;
  readOnly: boolean;
  /** `p` in the TUI; when absent, a platform with its own probe() (the demo) provides it. */
  probe?: ProbeFn;
  /** a, d, f, u: route changes; without it the TUI only looks. */
  changes?: ChangeRunner;
  /** What a, d, f, u say when there are no changes (default: not available here). */
  noChanges?: string;
  /** Seconds before an applied change reverts by itself unless `c` keeps it (default 60; 0 = off). */
  rollbackAfterS?: number;
  /** F leaves the screen and runTui resolves "guided": the caller runs the guided fix, then comes back. */
  guided?: boolean;
}

type TuiExit = "quit" | "guided";

const ALT_SCREEN_ON = "\x1b[?1049h\x1b[H";
const ALT_SCREEN_OFF = "\x1b[?25h\x1b[?1049l";

export async function runTui(opts: TuiOptions): Promise<TuiExit> {
  let exitReason: TuiExit = "quit";
  const { store, controller, changes, poller } = createLiveSession(opts);
  const stdout = process.stdout;
  const useAlt = !!stdout.isTTY;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (useAlt) stdout.write(ALT_SCREEN_OFF);
  };
  if (useAlt) stdout.write(ALT_SCREEN_ON);
  process.once("exit", restore);
  const info = {
    platform: opts.platform.id,
    os: opts.platform.os,
    collector: opts.platform.collector,
    intervalMs: opts.intervalMs,
    policySource: opts.policySource,
    readOnly: opts.readOnly,
    ...(opts.noChanges ? { noChanges: opts.noChanges } : {}),
  };
  const ink = render(
    <App
      store={store}
      controller={controller}
      {...(changes ? { changes } : {})}
      info={info}
      ascii={opts.ascii}
      color={opts.color}
      {...(opts.guided
        ? {
            onGuided: () => {
              exitReason = "guided";
              ink.unmount();
            },
          }
        : {})}
    />,
    {
      exitOnCtrlC: true,
      patchConsole: true,
      incrementalRendering: rowDiffingOn(),
      stdin: guardedStdin(process.stdin),
    },
  );
  // A polite kill (or the SSH session closing) still gets the terminal back.
  const onSignal = () => ink.unmount();
  process.once("SIGTERM", onSignal);
  process.once("SIGHUP", onSignal);
  poller.start();
  changes?.start();
  try {
    await ink.waitUntilExit();
  } finally {
    changes?.stop();
    poller.stop();
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
    ink.cleanup();
    restore();
    process.off("exit", restore);
  }
  return exitReason;
}
