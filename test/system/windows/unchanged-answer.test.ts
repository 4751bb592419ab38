// The Windows collectors and the demo do no per-poll work when nothing changed:
// the same command output gives the same part objects, and through the poller
// no new state, so nothing is drawn again.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPoller } from "../../../src/app/live/poller.js";
import { reducer } from "../../../src/app/live/reducer.js";
import { initialState } from "../../../src/app/live/state.js";
import { createStore } from "../../../src/app/store.js";
import type { Snapshot } from "../../../src/core/model.js";
import type { Platform } from "../../../src/system/platform.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";
import {
  createClassicWindowsPlatform,
  IPCONFIG_ALL,
  NETSTAT_ANO,
  ROUTE_PRINT,
} from "../../../src/system/windows/classic-platform.js";
import { createPowerShellPlatform } from "../../../src/system/windows/powershell-platform.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { fixture } from "./fixtures.js";
import { FakeSession, poll } from "./support/fake-session.js";

const PARTS = ["interfaces", "routes", "rules", "connections", "sysctls"] as const;
const sameParts = (a: Snapshot, b: Snapshot) => PARTS.every((p) => a[p] === b[p]);

function classic(polls: number, netstat: (i: number) => string): FakeRunner {
  const runner = new FakeRunner();
  for (let i = 0; i < polls; i++)
    runner
      .expect(ROUTE_PRINT, { stdout: fixture("story", "ws2019-route-print.txt") })
      .expect(IPCONFIG_ALL, { stdout: fixture("story", "ws2019-ipconfig-all.txt") })
      .expect(NETSTAT_ANO, { stdout: netstat(i) });
  return runner;
}

const NETSTAT = fixture("story", "ws2019-netstat-ano.txt");

describe("an unchanged Windows host", () => {
  it("classic: the same output is the same parts; a changed netstat is new connections only", async () => {
    const extra = "  TCP    192.168.1.10:50000     203.0.113.9:443        ESTABLISHED     4\r\n";
    const p = createClassicWindowsPlatform(
      classic(3, (i) => (i < 2 ? NETSTAT : NETSTAT + extra)),
      { clock: () => 1 },
    );
    const a = await p.collect();
    const b = await p.collect();
    expect(sameParts(a, b)).toBe(true);
    const c = await p.collect();
    expect(c.connections).not.toBe(a.connections);
  });

  it("PowerShell: the same answer is the same parts", async () => {
    const p = createPowerShellPlatform(() => new FakeSession(() => poll), { clock: () => 5 });
    const a = await p.collect();
    const b = await p.collect();
    expect(a.connections.ok).toBe(true);
    expect(sameParts(a, b)).toBe(true);
  });

  it("the demo: polls at the same moment are the same parts", async () => {
    const p = createDemoPlatform({ clock: () => 1000 });
    const a = await p.collect();
    expect(sameParts(a, await p.collect())).toBe(true);
  });
});

describe("through the poller", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("an unchanged classic host: no new state, nothing drawn, once the same output repeats", async () => {
    const platform: Platform = createClassicWindowsPlatform(
      classic(4, () => NETSTAT),
      { clock: () => 1 },
    );
    const store = createStore(reducer, initialState());
    let renders = 0;
    store.subscribe(() => renders++);
    const poller = createPoller({
      platform,
      intervalMs: 1000,
      dispatch: store.dispatch,
      processNamesEvery: 100,
    });
    poller.start();
    // The first poll also asks tasklist (the fake refuses it), the second does not: two answers.
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.getState().analysis).not.toBeNull();
    const after = store.getState();
    const drawn = renders;
    await vi.advanceTimersByTimeAsync(2000);
    poller.stop();
    expect(renders).toBe(drawn);
    expect(store.getState()).toBe(after);
  });
});
