import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { type ChangeRunnerDeps, createChangeRunner } from "../../src/app/change/runner.js";
import { formatArgv } from "../../src/app/change/text.js";
import { demoChangeRunner } from "../../src/app/change/wiring.js";
import { analyze } from "../../src/core/analyze.js";
import { memoryJournal } from "../../src/system/journal/journal.js";
import { DEMO_POLICY } from "../../src/system/simulated/demo-host.js";
import { createDemoPlatform } from "../../src/system/simulated/demo-platform.js";
import { analysis, baseRoutes, route, SSH, tablePlatform } from "../app/change/world.js";
import { FakeRunner } from "../support/fake-runner.js";
import { renderChangeApp } from "./change-app.js";
import { T0 } from "./helpers.js";

afterEach(() => cleanup());

const ESC = "\x1b";
const DOWN = "\x1b[B";
const ADD_10 = {
  action: "add" as const,
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "eth1",
  persistent: false,
};
const OPERATOR_CUT = ["ip", "route", "add", "192.168.1.0/25", "via", "192.168.1.254", "dev", "eth1"];

/** A Linux host (eth0 internet, eth1 internal) with the operator on SSH over eth1. */
function linuxHost(over: Partial<ChangeRunnerDeps> = {}) {
  const runner = new FakeRunner();
  const after = [...baseRoutes(), route("192.168.1.0/25", "192.168.1.254", "eth1")];
  const changes = createChangeRunner({
    platform: tablePlatform(after),
    runner,
    journal: memoryJournal(),
    spawnWatchdog: () => 0,
    clock: () => T0,
    readOnly: false,
    privileged: true,
    env: { SSH_CONNECTION: SSH },
    host: "srv",
    newId: () => "c1",
    ...over,
  });
  return { runner, changes };
}

/** a, then the form filled in as a person would: destination, gateway, the second card. */
async function addViaForm(app: Awaited<ReturnType<typeof renderChangeApp>>) {
  await app.type("a");
  expect(app.frame()).toContain("Add a route pinned to a card");
  await app.type("192.168.1.0/25\t192.168.1.254\t");
  await app.type(DOWN);
  await app.type("\r\r");
  await app.until("the confirmation", (s) => s.change.confirm !== null);
}

describe("the confirmation (ink-testing-library)", () => {
  it("shows the exact argv the runner then receives, the operator's SSH session first and flagged", async () => {
    const { runner, changes } = linuxHost();
    runner.expect(OPERATOR_CUT, { stdout: "" });
    const app = await renderChangeApp({ analysis: analysis(), changes });
    await addViaForm(app);
    const shown = app.store.getState().change.confirm?.commands[0] ?? [];
    expect(shown).toEqual(OPERATOR_CUT);
    const lines = app.lines();
    expect(lines.some((l) => l.trim() === formatArgv(shown))).toBe(true);
    const mine = lines.findIndex((l) =>
      l.includes("!!! YOUR OWN SSH SESSION: tcp 192.168.1.11:22 -> 192.168.1.50:51000"),
    );
    const other = lines.findIndex((l) => l.includes("192.168.1.60:873"));
    expect(mine).toBeGreaterThan(0);
    expect(other).toBeGreaterThan(mine);
    expect(lines[mine]).toContain("eth0 on-link -> eth1 via 192.168.1.254");
    expect(app.frame()).toContain("THIS MAY CUT YOUR OWN SESSION");

    await app.type("y");
    await app.until("the outcome", (s) => s.change.outcome !== null);
    expect(runner.calls).toEqual([shown]);
    runner.assertDone();
    expect(app.frame()).toContain("✓ done and verified: 192.168.1.0/25 is in the table");
    expect(app.frame()).toContain("reverting in 60 s unless you press c (keep)");
    await app.type("c");
    expect(app.frame()).toContain("kept: route add 192.168.1.0/25 via 192.168.1.254 dev eth1 stays");
    expect(app.frame()).not.toContain("reverting in");
  });

  it("n and Esc cancel, and nothing runs", async () => {
    const { runner, changes } = linuxHost();
    const app = await renderChangeApp({ analysis: analysis(), changes });
    await addViaForm(app);
    await app.type("n");
    expect(app.frame()).toContain("cancelled: nothing was changed");
    await addViaForm(app);
    await app.type(ESC);
    await app.until("closed", (s) => s.change.confirm === null);
    expect(runner.calls).toEqual([]);
    expect(app.frame()).not.toContain("Confirm:");
  });

  it("read-only: the confirmation says it is refused, y runs nothing", async () => {
    const { runner, changes } = linuxHost({ readOnly: true });
    const app = await renderChangeApp({ analysis: analysis(), changes });
    await addViaForm(app);
    expect(app.frame()).toContain("REFUSED, nothing will run: read-only: nothing was changed");
    expect(app.frame()).toContain("n or Esc closes: nothing will run");
    await app.type("y");
    await app.until("the outcome", (s) => s.change.outcome !== null);
    expect(runner.calls).toEqual([]);
    expect(app.frame()).toContain("✗ read-only: nothing was changed");
  });

  it("not privileged: shows the command to run elevated, runs nothing", async () => {
    const { runner, changes } = linuxHost({ privileged: false });
    const app = await renderChangeApp({ analysis: analysis(), changes });
    await addViaForm(app);
    const flat = app.frame().replace(/\s+/g, " ");
    expect(flat).toContain(
      "needs root: run `sudo dualhome route add 192.168.1.0/25 --via 192.168.1.254 --dev eth1 --persist`",
    );
    await app.type("y");
    await app.until("the outcome", (s) => s.change.outcome !== null);
    expect(runner.calls).toEqual([]);
  });

  it("the form refuses a gateway with a command in it, as you type", async () => {
    const { changes } = linuxHost();
    const app = await renderChangeApp({ analysis: analysis(), changes, columns: 80, rows: 24 });
    await app.type("a10.0.0.0 255.0.0.0\t192.168.1.254;reboot");
    expect(app.frame()).toContain('✗ gateway "192.168.1.254;reboot" is not an IP address');
    await app.type("\r");
    expect(app.store.getState().change.confirm).toBeNull();
    await app.type(ESC);
    await app.until("the form closed", (s) => s.change.form === null);
  });
});

describe("the add form edits like a shell", () => {
  it("← moves the cursor, typing inserts there, Ctrl-W and Ctrl-U cut, the caret shows where", async () => {
    const { changes } = linuxHost();
    const app = await renderChangeApp({ analysis: analysis(), changes, columns: 80, rows: 24 });
    await app.type("a10.0.0/8");
    for (let i = 0; i < 4; i++) await app.type("\x1b[D");
    await app.type(".0");
    expect(app.store.getState().change.form?.destination).toBe("10.0.0.0/8");
    expect(app.frame()).toContain("10.0.0█.0/8");
    await app.type("\x05 x\x17");
    expect(app.store.getState().change.form?.destination).toBe("10.0.0.0/8 ");
    await app.type("\x15");
    expect(app.store.getState().change.form?.destination).toBe("");
    await app.type(ESC);
  });
});

describe("d and the journal at start", () => {
  it("d in Routes confirms the delete of the selected route with its exact argv", async () => {
    const { runner, changes } = linuxHost();
    const app = await renderChangeApp({ analysis: analysis(), changes });
    await app.type("d");
    expect(app.frame()).toContain("d deletes the selected route: Tab to Routes first");
    await app.type("\t\t");
    expect(app.store.getState().pane).toBe("routes");
    await app.type("d");
    await app.until("the confirmation", (s) => s.change.confirm !== null);
    expect(app.frame()).toContain("ip route del 0.0.0.0/0 via 192.168.1.1 dev eth0 metric 0");
    expect(app.frame()).toContain("to revert it: ip route add 0.0.0.0/0 via 192.168.1.1 dev eth0 metric 0");
    await app.type("n");
    expect(runner.calls).toEqual([]);
  });

  it("a change interrupted between intent and result is said in the status line at start", async () => {
    const intent = {
      type: "intent" as const,
      id: "dead1",
      at: T0 - 5_000,
      change: ADD_10,
      argv: ["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"],
      revertArgv: ["ip", "route", "del", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"],
      host: "srv",
      user: "root",
      rollbackAt: null,
    };
    const { changes } = linuxHost({ journal: memoryJournal([intent]) });
    const app = await renderChangeApp({ analysis: analysis(), changes, start: true });
    expect(app.frame()).toContain(
      "! a change was interrupted: dead1 (route add 10.0.0.0/8 via 192.168.1.254 dev eth1) has no recorded result: check the table",
    );
    await app.type(ESC);
    await app.until("the notice dismissed", (s) => s.change.notice === null);
  });
});

describe("dualhome demo: f → y → c", () => {
  it("fixes the stuck flow's route with route.exe's command and counts down until c", async () => {
    const platform = createDemoPlatform({ seed: 7, clock: () => T0 });
    const never = () => new Promise<void>(() => {});
    const changes = demoChangeRunner(platform, { readOnly: false, clock: () => T0, sleep: never });
    const a = analyze(await platform.collect(), {
      policy: DEMO_POLICY,
      policySource: "demo policy",
      now: T0,
    });
    const app = await renderChangeApp({ analysis: a, changes, policy: DEMO_POLICY, columns: 80, rows: 24 });
    await app.type("f");
    await app.until("the confirmation", (s) => s.change.confirm !== null);
    expect(app.frame()).toContain("route add 10.0.0.0 mask 255.0.0.0 192.168.1.254 IF 65540 -p");
    expect(app.frame()).toContain("persistent: the command stores the route");
    await app.type("y");
    await app.until("the outcome", (s) => s.change.outcome !== null);
    expect(platform.routesNow().some((r) => r.destination === "10.0.0.0/8" && r.interface === "int")).toBe(
      true,
    );
    expect(app.frame()).toContain("reverting in 60 s unless you press c (keep)");
    await app.type("c");
    expect(app.frame()).toContain("kept: route add 10.0.0.0/8 via 192.168.1.254 dev int stays");
  });
});
