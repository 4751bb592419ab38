import { describe, expect, it } from "vitest";
import type { PreparedChange } from "../../../src/app/change/runner.js";
import { demoChangeRunner } from "../../../src/app/change/wiring.js";
import { analyze } from "../../../src/core/analyze.js";
import type { Analysis } from "../../../src/core/model.js";
import { DEMO_POLICY } from "../../../src/system/simulated/demo-host.js";
import { createDemoPlatform, type DemoPlatform } from "../../../src/system/simulated/demo-platform.js";

const T0 = 1_700_000_000_000;

/** A clock the test moves, and sleeps that end only when it has moved far enough. */
function world() {
  let t = T0;
  const sleepers: { until: number; wake: () => void }[] = [];
  const clock = () => t;
  const sleep = (ms: number) => new Promise<void>((wake) => sleepers.push({ until: t + ms, wake }));
  const flush = () => new Promise((r) => setTimeout(r, 0));
  async function advance(ms: number): Promise<void> {
    const end = t + ms;
    while (t < end) {
      t = Math.min(end, t + 250);
      for (const s of sleepers.splice(0))
        if (s.until <= t) s.wake();
        else sleepers.push(s);
      await flush();
      await flush();
    }
  }
  const platform = createDemoPlatform({ seed: 3, clock });
  return { clock, sleep, advance, platform };
}

const has10 = (p: DemoPlatform) =>
  p
    .routesNow()
    .some((r) => r.destination === "10.0.0.0/8" && r.interface === "int" && r.gateway === "192.168.1.254");

async function analysisOf(p: DemoPlatform, now: number): Promise<Analysis> {
  return analyze(await p.collect(), { policy: DEMO_POLICY, policySource: "demo policy", now });
}

async function fixOf(w: ReturnType<typeof world>, rollback = { readOnly: false }) {
  const changes = demoChangeRunner(w.platform, { ...rollback, clock: w.clock, sleep: w.sleep });
  const a = await analysisOf(w.platform, w.clock());
  const fix = a.findings.find((f) => f.subject === "10.0.0.0/8")?.fix[0];
  if (!fix) throw new Error("the demo has no fix for 10.0.0.0/8");
  const p = (await changes.prepare(fix, a)) as PreparedChange;
  return { changes, p };
}

describe("dualhome demo: changes run as route.exe would", () => {
  it("the fix is the route.exe command; applied, the table has the pinned route; unkept, it reverts", async () => {
    const w = world();
    const { changes, p } = await fixOf(w);
    expect(p.argv).toEqual([
      "route",
      "add",
      "10.0.0.0",
      "mask",
      "255.0.0.0",
      "192.168.1.254",
      "IF",
      "65540",
      "-p",
    ]);
    expect(p.refusal).toBeNull();
    const out = await changes.apply(p, { rollbackAfterS: 10 });
    expect(out).toMatchObject({ status: "applied", rollbackAt: T0 + 10_000 });
    expect(has10(w.platform)).toBe(true);
    await w.advance(9_000);
    expect(has10(w.platform)).toBe(true);
    await w.advance(2_000);
    expect(has10(w.platform)).toBe(false);
    expect(changes.entry(out.id ?? "")?.status).toBe("reverted");
  });

  it("kept, it stays; undo then removes it", async () => {
    const w = world();
    const { changes, p } = await fixOf(w);
    const out = await changes.apply(p, { rollbackAfterS: 10 });
    expect(changes.keep(out.id ?? "").status).toBe("kept");
    await w.advance(12_000);
    expect(has10(w.platform)).toBe(true);
    const undo = await changes.undo();
    expect(undo.status).toBe("reverted");
    expect(has10(w.platform)).toBe(false);
  });

  it("like the Windows server: with the pinned route, the retried SIP call connects from 192.168.1.11", async () => {
    const w = world();
    const { changes, p } = await fixOf(w);
    await changes.apply(p, { rollbackAfterS: 0 });
    // The stuck SYN times out (21 s), the client retries a second later.
    await w.advance(25_000);
    const after = await analysisOf(w.platform, w.clock());
    const sip = after.connections.find((c) => c.remote.address === "10.1.1.20" && c.remote.port === 5061);
    expect(sip).toMatchObject({ state: "ESTABLISHED", local: { address: "192.168.1.11" }, verdict: "ok" });
    expect(after.connections.filter((c) => c.verdict === "wrong-nic")).toEqual([]);
  });

  it("read-only: refused, and the table is untouched", async () => {
    const w = world();
    const { changes, p } = await fixOf(w, { readOnly: true });
    expect(p.refusal).toBe("read-only: nothing was changed");
    expect((await changes.apply(p, { rollbackAfterS: 10 })).status).toBe("refused");
    expect(has10(w.platform)).toBe(false);
  });
});
