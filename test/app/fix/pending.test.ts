// The guided fix with a change still counting down (issue 12, item 3): the demo's
// f then y, then the guided fix. Before it looks, the operator keeps or reverts
// the change (or its watchdog settles it); the plan and the summary are made from
// the table as it stays, and the old watchdog takes nothing away afterwards.
import { describe, expect, it } from "vitest";
import type { PreparedChange } from "../../../src/app/change/runner.js";
import { demoChangeRunner } from "../../../src/app/change/wiring.js";
import { createFixSession } from "../../../src/app/fix/session.js";
import { demoFixDeps } from "../../../src/app/fix/wiring.js";
import { analyze } from "../../../src/core/analyze.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { DEMO_POLICY } from "../../../src/system/simulated/demo-host.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";
import { acceptSuggestions, applyAll, memFiles, phase, send, until } from "./session-driver.js";

const PIN_10 = {
  action: "add" as const,
  destination: "10.0.0.0/8",
  gateway: "192.168.1.254",
  interface: "int",
  persistent: true,
};

/** The live screen's f, y on the demo: 10.0.0.0/8 pinned to int, reverting in 60 s unless kept. */
async function countingDown() {
  const demo = createDemoPlatform({ seed: 5 });
  let now = Date.now();
  const clock = () => now;
  const sleep = () => new Promise<void>((r) => setTimeout(r, 5));
  const live = demoChangeRunner(demo, { readOnly: false, clock, sleep });
  const a = analyze(await demo.collect(), { policy: DEMO_POLICY, policySource: "demo", now });
  const p = await live.prepare(PIN_10, a);
  if (p instanceof ValidationError) throw p;
  const out = await live.apply(p as PreparedChange, { rollbackAfterS: 60 });
  expect(out.status).toBe("applied");
  const id = out.id ?? "";
  const files = memFiles();
  const deps = demoFixDeps(
    demo,
    { files, policy: null, rollbackAfterS: 60, readOnly: false, self: "dualhome" },
    live,
  );
  const session = createFixSession({ ...deps, tickMs: 0 });
  const pinned = () => demo.routesNow().some((r) => r.destination === "10.0.0.0/8" && r.interface === "int");
  /** The deadline passes: the watchdog of the screen's change does what it must, if anything. */
  const deadline = async () => {
    now = (out.rollbackAt ?? now) + 1000;
    const settled = ["reverted", "kept", "revert-failed"];
    await until(session, () => settled.includes(live.entry(id)?.status ?? ""));
  };
  return { demo, live, id, files, session, pinned, deadline };
}

async function finishFix(w: Awaited<ReturnType<typeof countingDown>>): Promise<string> {
  await send(w.session, { type: "next" });
  await applyAll(w.session);
  expect(phase(w.session)).toBe("proved");
  await send(w.session, { type: "next" });
  expect(phase(w.session)).toBe("done");
  return w.session.store.getState().summary ?? "";
}

const planTitles = (w: Awaited<ReturnType<typeof countingDown>>) =>
  w.session.store.getState().plan.map((p) => p.title);

describe("the guided fix with a change counting down", () => {
  it("shows it first and looks at nothing until the operator chooses", async () => {
    const w = await countingDown();
    w.session.start();
    await w.session.idle();
    const p = w.session.store.getState().phase;
    expect(p).toMatchObject({
      kind: "pending",
      changes: [{ id: w.id, what: "route add 10.0.0.0/8 via 192.168.1.254 dev int", overdue: false }],
    });
    w.session.tick();
    await w.session.idle();
    expect(w.session.store.getState().analysis).toBeNull();
    expect(phase(w.session)).toBe("pending");
    await w.session.stop();
  });

  it("n reverts it now: the plan pins 10.0.0.0/8 again, the summary says so, and nothing reverts it later", async () => {
    const w = await countingDown();
    w.session.start();
    await w.session.idle();
    w.session.revert();
    await w.session.idle();
    expect(w.live.entry(w.id)?.status).toBe("reverted");
    expect(w.pinned()).toBe(false);
    await acceptSuggestions({ ...w.session, start: () => {} });
    expect(planTitles(w)[0]).toMatch(/^add 10\.0\.0\.0\/8 via 192\.168\.1\.254 on int/);
    const summary = await finishFix(w);
    expect(summary).toContain(
      `Counting down when the fix started\n  - reverted before planning: route add 10.0.0.0/8 via 192.168.1.254 dev int (${w.id})`,
    );
    expect(summary).toMatch(
      /1\. add 10\.0\.0\.0\/8 via 192\.168\.1\.254 on int \(pinned\): applied and kept/,
    );
    await w.deadline();
    expect(w.pinned()).toBe(true);
    await w.session.stop();
  });

  it("c keeps it: the plan does not count it as a step, the summary says it was kept, and it stays", async () => {
    const w = await countingDown();
    w.session.start();
    await w.session.idle();
    w.session.keep();
    await w.session.idle();
    expect(w.live.entry(w.id)?.status).toBe("kept");
    await acceptSuggestions({ ...w.session, start: () => {} });
    expect(planTitles(w).some((t) => t.includes("10.0.0.0/8"))).toBe(false);
    const summary = await finishFix(w);
    expect(summary).toContain(
      `  - kept before planning: route add 10.0.0.0/8 via 192.168.1.254 dev int (${w.id}) stays`,
    );
    await w.deadline();
    expect(w.live.entry(w.id)?.status).toBe("kept");
    expect(w.pinned()).toBe(true);
    await w.session.stop();
  });

  it("its watchdog reverts it while the question is open: the fix goes on from the table without it", async () => {
    const w = await countingDown();
    w.session.start();
    await w.session.idle();
    await w.deadline();
    expect(w.pinned()).toBe(false);
    await until(w.session, () => phase(w.session) === "observed");
    expect(w.session.store.getState().before).toEqual([
      `reverted before planning: route add 10.0.0.0/8 via 192.168.1.254 dev int (${w.id}), by its watchdog`,
    ]);
    await acceptSuggestions({ ...w.session, start: () => {} });
    expect(planTitles(w)[0]).toMatch(/^add 10\.0\.0\.0\/8/);
    await w.session.stop();
  });
});
