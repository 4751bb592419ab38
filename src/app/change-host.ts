// The change runner wired to this machine: the journal in the state directory,
// a detached watchdog, NetworkManager/netplan/networkd/ifupdown persistence on
// Linux. The CLI and the TUI use the same wiring.
import os from "node:os";
import type { OsKind } from "../core/model.js";
import { fileChangeLock } from "../system/change-lock.js";
import { hostName } from "../system/host.js";
import { fileJournal, type Journal } from "../system/journal.js";
import type { Place } from "../system/journal-place.js";
import { readExact } from "../system/linux/kernel-route-argv.js";
import { planLinuxPersistence } from "../system/linux/persistence.js";
import { type NetnsIdentity, netnsIdentity } from "../system/netns-identity.js";
import type { Platform } from "../system/platform.js";
import type { CommandRunner } from "../system/runner-types.js";
import { type Env, journalPathIn, stateDir } from "../system/state-dir.js";
import { detachedWatchdogSpawner } from "../system/watchdog.js";
import { namespaceLiveOnly } from "./change-persistence.js";
import { type ChangeRunner, createChangeRunner } from "./change-runner.js";

export interface HostChangeOptions {
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

export interface HostJournal {
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
      ? { readRoutes: async (f, t, d) => (await readExact(o.runner, f, t, d)).routes }
      : {}),
    host,
    ...(here.netns ? { netns: here.netns } : {}),
    lock: fileChangeLock(dir),
    user: operatorName(o.env),
    ...(o.self ? { self: o.self } : {}),
  });
  return { changes, journalPath };
}
