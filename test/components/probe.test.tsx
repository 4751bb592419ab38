import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { createDemoPlatform } from "../../src/system/simulated/demo-platform.js";
import { analysisOf, pollOk, renderApp, T0 } from "./helpers.js";

afterEach(() => cleanup());

const tick = () => new Promise((r) => setTimeout(r, 20));

function demoWithHeldProbe() {
  const clock = { now: T0 };
  const held: Array<() => void> = [];
  const demo = createDemoPlatform({
    seed: 7,
    clock: () => clock.now,
    // The probe waits until the test lets it go; its time passes on the test's clock.
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        held.push(() => {
          clock.now += ms;
          resolve();
        });
      }),
  });
  return { demo, clock, release: () => held.shift()?.() };
}

describe("p: probe host:port", () => {
  it("shows the probe live, marks its flow in Connections, then the outcome and the card it left by", async () => {
    const { demo, release } = demoWithHeldProbe();
    const app = await renderApp({
      columns: 160,
      rows: 45,
      analysis: analysisOf(await demo.collect()),
      probe: (h, p) => demo.probe(h, p),
      now: () => T0 + 500,
    });
    await app.type("p\x1510.1.1.20:5061\r");
    expect(app.frame()).toContain("probe 10.1.1.20:5061: connecting");
    expect(app.poller.refreshes).toBe(1);
    pollOk(app.store, analysisOf(await demo.collect(), T0 + 1000), 2, T0 + 1000);
    await tick();
    // Only the probe's own flow is marked, not the SIP proxy's older flow to the same place.
    const marked = app
      .frame()
      .split("\n")
      .filter((l) => l.includes("✗>"));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toContain("dualhome.exe");
    expect(app.frame()).toMatch(/✗ {2}192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061 .*sipproxy\.exe/);
    expect(marked[0]).toMatch(/✗> 192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061\s+SYN_SENT\s+ext→int\s+wrong NIC/);
    release();
    await tick();
    expect(app.frame()).toMatch(
      /probe 10\.1\.1\.20:5061: timed out in SYN_SENT after 5\.0 s from 192\.168\.1\.10:\d+ \(ext\)/,
    );

    demo.applyChange({
      action: "add",
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "0x10004",
      metric: 10,
      persistent: true,
    });
    await app.type("p\x1510.1.1.20 5061\r");
    release();
    await tick();
    expect(app.frame()).toMatch(
      /probe 10\.1\.1\.20:5061: connected in \d+ ms from 192\.168\.1\.11:\d+ \(int\)/,
    );
  });

  it("says what is wrong with the input, and that probing is unavailable without a probe", async () => {
    const { demo } = demoWithHeldProbe();
    const app = await renderApp({
      columns: 100,
      rows: 30,
      analysis: null,
      probe: (h, p) => demo.probe(h, p),
    });
    await app.type("p\x1510.1.1.20\r");
    expect(app.frame()).toContain("is not host:port");
    const none = await renderApp({ columns: 100, rows: 30, analysis: null });
    await none.type("p");
    expect(none.frame()).toContain("probe is not available here");
  });
});
