// The change runner on the change-world host, with a fake runner, a journal in
// memory and a watchdog that is only recorded; and the route add most tests make.
import { type ChangeRunnerDeps, createChangeRunner } from "../../../src/app/change/runner.js";
import type { RouteChange } from "../../../src/core/model.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { memoryJournal } from "../../../src/system/journal/journal.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { analysis, baseRoutes, route, tablePlatform } from "./world.js";

export const ADD_10: RouteChange = {
  action: "add",
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "eth1",
  persistent: false,
};
export const WITH_10 = () => [...baseRoutes(), route("10.0.0.0/8", "192.168.1.254", "eth1")];

export function setup(over: Partial<ChangeRunnerDeps> = {}, tables = [WITH_10()]) {
  const runner = new FakeRunner();
  const journal = memoryJournal();
  const spawned: [string, number][] = [];
  let ids = 0;
  const changes = createChangeRunner({
    platform: tablePlatform(...tables),
    runner,
    journal,
    spawnWatchdog: (id, at) => {
      spawned.push([id, at]);
      return 4242;
    },
    clock: () => 1_000_000,
    readOnly: false,
    privileged: true,
    env: {},
    host: "srv",
    user: "alice",
    newId: () => `c${++ids}`,
    pid: 77,
    ...over,
  });
  return { runner, journal, spawned, changes };
}

export async function prepared(changes: ReturnType<typeof setup>["changes"], c = ADD_10) {
  const p = await changes.prepare(c, analysis());
  if (p instanceof ValidationError) throw p;
  return p;
}
