// The guided fix wired to a host: this machine (the journal in the state
// directory, a detached watchdog, the real probe and neighbour tables), or the
// simulated server of `dualhome demo` (everything in memory).
import type { OsKind } from "../../core/model.js";
import type { Policy } from "../../core/policy.js";
import type { CommandRunner } from "../../system/exec/runner-types.js";
import type { Env } from "../../system/journal/state-dir.js";
import { readNeighbours } from "../../system/neighbours.js";
import type { Platform } from "../../system/platform.js";
import { probe } from "../../system/probe.js";
import { demoNeighbours } from "../../system/simulated/demo-neighbours.js";
import type { DemoPlatform } from "../../system/simulated/demo-platform.js";
import type { ChangeRunner } from "../change/runner.js";
import { demoChangeRunner, hostChangeRunner, operatorName } from "../change/wiring.js";
import type { FixSessionDeps } from "./session.js";
import type { FixFiles } from "./write.js";

interface FixWiring {
  files: FixFiles;
  policy: Policy | null;
  rollbackAfterS: number;
  readOnly: boolean;
  self: string;
}

/**
 * The demo's change runner is the live screen's when it comes from there (journal in memory,
 * watchdog in this process): the guided fix then sees a change the screen left counting down.
 */
export function demoFixDeps(demo: DemoPlatform, w: FixWiring, live?: ChangeRunner): FixSessionDeps {
  const changes = live ?? demoChangeRunner(demo, { readOnly: w.readOnly });
  return {
    ...w,
    platform: demo,
    changes,
    probe: (host, port) => demo.probe(host, port),
    neighbours: async () => demoNeighbours(),
    privileged: true,
    user: "demo",
    undoHint: "nothing to undo on this machine: the simulated server's changes end with the demo",
    undoWith: "the simulated change ends with the demo",
  };
}

interface HostWiring extends FixWiring {
  os: OsKind;
  runner: CommandRunner;
  env: Env;
  privileged: boolean;
}

export function hostFixDeps(platform: Platform, w: HostWiring): FixSessionDeps {
  const { changes } = hostChangeRunner(platform, {
    os: w.os,
    runner: w.runner,
    env: w.env,
    readOnly: w.readOnly,
    privileged: w.privileged,
    self: w.self,
  });
  return {
    platform,
    changes,
    probe: (host, port) => probe(host, port, { timeoutMs: 5000 }),
    neighbours: (cards) => readNeighbours(w.os, w.runner, cards),
    files: w.files,
    policy: w.policy,
    rollbackAfterS: w.rollbackAfterS,
    readOnly: w.readOnly,
    privileged: w.privileged,
    self: w.self,
    user: operatorName(w.env),
  };
}
