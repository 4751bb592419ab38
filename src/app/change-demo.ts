// The change runner of `dualhome demo`: the same runner the real host uses,
// with route.exe played by the simulated table, the journal in memory and the
// rollback watchdog in this process (nothing real is at stake if it dies).
import type { Journal } from "../system/journal.js";
import { memoryJournal } from "../system/journal.js";
import { HOST_NAME, INTERFACES } from "../system/simulated/demo-host.js";
import type { DemoPlatform } from "../system/simulated/demo-platform.js";
import { demoRouteExeRunner } from "../system/simulated/demo-route-exe.js";
import { runWatchdog } from "../system/watchdog.js";
import { type ChangeRunner, createChangeRunner } from "./change-runner.js";

export interface DemoChangeOptions {
  readOnly: boolean;
  clock?: () => number;
  journal?: Journal;
  /** How the watchdog waits; by default a timer that does not keep the process alive after quitting. */
  sleep?: (ms: number) => Promise<void>;
}

const unrefSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export function demoChangeRunner(platform: DemoPlatform, o: DemoChangeOptions): ChangeRunner {
  const journal = o.journal ?? memoryJournal();
  const runner = demoRouteExeRunner(platform, INTERFACES);
  const clock = o.clock ?? Date.now;
  const sleep = o.sleep ?? unrefSleep;
  return createChangeRunner({
    platform,
    runner,
    journal,
    spawnWatchdog: (id, at) => {
      // Its outcome is read back from the journal by the countdown, like a detached one's.
      void runWatchdog({ journal, runner, clock, sleep, pid: 0 }, id, at).catch(() => undefined);
      return 0;
    },
    clock,
    readOnly: o.readOnly,
    // Nothing on this machine changes: no elevation needed.
    privileged: true,
    env: {},
    host: HOST_NAME,
    user: "demo",
    self: "dualhome demo",
  });
}
