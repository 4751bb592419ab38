// The change runner wired to its backend, the only file of the change engine that names
// one. On this machine: the journal in the state directory, a detached watchdog and, on
// Linux, the kernel's exact routes and NetworkManager/netplan/networkd/ifupdown
// persistence; the CLI and the TUI use the same wiring. In `dualhome demo`: route.exe
// played by the simulated table, the journal in memory and the rollback watchdog in this
// process (nothing real is at stake if it dies).
import os from "node:os";
import type { OsKind } from "../../core/model.js";
import type { CommandRunner } from "../../system/exec/runner-types.js";
import { hostName } from "../../system/host.js";
import { fileChangeLock } from "../../system/journal/change-lock.js";
import { fileJournal, type Journal, memoryJournal } from "../../system/journal/journal.js";
import type { Place } from "../../system/journal/place.js";
import { type Env, journalPathIn, stateDir } from "../../system/journal/state-dir.js";
import { detachedWatchdogSpawner, runWatchdog } from "../../system/journal/watchdog.js";
import { kernelRouteArgv, readExact } from "../../system/linux/kernel-route-argv.js";
import { planLinuxPersistence } from "../../system/linux/persistence.js";
import { type NetnsIdentity, netnsIdentity } from "../../system/netns-identity.js";
import type { Platform } from "../../system/platform.js";
import { HOST_NAME, INTERFACES } from "../../system/simulated/demo-host.js";
import type { DemoPlatform } from "../../system/simulated/demo-platform.js";
import { demoRouteExeRunner } from "../../system/simulated/demo-route-exe.js";
import { namespaceLiveOnly } from "./persistence.js";
import { type ChangeRunner, createChangeRunner } from "./runner.js";

interface HostChangeOptions {
  os: OsKind;
  runner: CommandRunner;
  env: Env;
  readOnly: boolean;
  privileged: boolean;
  self?: string;
  /** Home directory for the default state directory; default os.homedir(). */
  home?: string;
  /** Which network namespace this runs in (tests); default the kernel's answer on Linux. */
  netns?: NetnsIdentity;
}

/** Who made a change, as the journal records it: the sudo caller when there is one. */
export function operatorName(env: Env): string {
  let me = "";
  try {
    me = os.userInfo().username;
  } catch {
    me = env.USER ?? env.USERNAME ?? "";
  }
  return env.SUDO_USER && env.SUDO_USER !== me ? `${env.SUDO_USER} (sudo as ${me})` : me;
}

interface HostJournal {
  journal: Journal;
  journalPath: string;
  dir: string;
  host: string;
  /** This host and network namespace: what journal, keep and undo act on. */
  here: Place;
}

/** This user's journal in the state directory (DUALHOME_STATE_DIR, XDG, %LOCALAPPDATA%). */
export function hostJournal(
  osKind: OsKind | "unsupported",
  env: Env,
  home?: string,
  netns?: NetnsIdentity,
): HostJournal {
  const dir = stateDir(osKind, env, home ?? os.homedir());
  const journalPath = journalPathIn(dir, osKind);
  const host = hostName();
  const ns = netns ?? (osKind === "linux" ? netnsIdentity() : undefined);
  return {
    journal: fileJournal(journalPath),
    journalPath,
    dir,
    host,
    here: { host, ...(ns ? { netns: ns } : {}) },
  };
}

export function hostChangeRunner(
  platform: Platform,
  o: HostChangeOptions,
): { changes: ChangeRunner; journalPath: string } {
  const { journal, journalPath, dir, host, here } = hostJournal(o.os, o.env, o.home, o.netns);
  // A lab namespace shares the host's files and D-Bus: persisting there would write the host's config.
  const liveOnly = here.netns ? namespaceLiveOnly(here.netns) : null;
  const changes = createChangeRunner({
    platform,
    runner: o.runner,
    journal,
    spawnWatchdog: detachedWatchdogSpawner(journalPath),
    readOnly: o.readOnly,
    privileged: o.privileged,
    env: o.env,
    ...(o.os === "linux" && !liveOnly
      ? { persistence: (v) => planLinuxPersistence({ runner: o.runner }, v) }
      : {}),
    liveOnly,
    ...(o.os === "linux"
      ? {
          exactRoutes: {
            read: async (f, t, d) => (await readExact(o.runner, f, t, d)).routes,
            restoreArgv: (route) => kernelRouteArgv("add", route),
          },
        }
      : {}),
    host,
    ...(here.netns ? { netns: here.netns } : {}),
    lock: fileChangeLock(dir),
    user: operatorName(o.env),
    ...(o.self ? { self: o.self } : {}),
  });
  return { changes, journalPath };
}

interface DemoChangeOptions {
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
