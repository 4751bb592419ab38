// Issue 18: with the intent guessed, a wrong card is an error only on evidence.
// A `p` probe that times out by the card the guess calls wrong is such evidence:
// the live screen keeps it and shows the error at once, though the host did not
// change (an unchanged poll is not analysed again), and drops it when a probe
// by the same way is answered.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLiveSession } from "../../../src/app/live/session.js";
import type { ProbeResult } from "../../../src/app/probe.js";
import type { Finding } from "../../../src/core/model.js";
import type { Platform } from "../../../src/system/platform.js";
import { route, snapshot, winCards, winRoutes } from "../../core/support/story.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// The story with the internal gateway known: the guess is complete, the finding a warning.
const routes = [...winRoutes(), route("172.16.0.0/12", "192.168.1.254", "int", 36)];
const host = snapshot("windows", winCards(), routes, []);

function session(answers: ProbeResult[]) {
  let polls = 0;
  // Every part the same object, poll after poll: the host does not change.
  const platform: Platform = {
    id: "simulated",
    os: "windows",
    collector: "powershell",
    collect: async () => ({ ...host, takenAt: ++polls }),
  };
  const s = createLiveSession({
    platform,
    policy: null,
    policySource: "inferred",
    intervalMs: 1000,
    probe: async () => {
      const r = answers.shift();
      if (!r) throw new Error("no probe answer left");
      return r;
    },
  });
  const wrongNic = (): Finding | undefined =>
    s.store
      .getState()
      .analysis?.findings.find((f) => f.id === "wrong-nic-route" && f.subject === "10.0.0.0/8");
  return { ...s, wrongNic, polls: () => polls };
}

const answer = (outcome: ProbeResult["outcome"], source: string): ProbeResult => ({
  host: "10.1.1.20",
  port: 5061,
  outcome,
  source,
  sourcePort: 50000,
  ms: outcome === "timeout" ? 5000 : 3,
});

describe("live screen: probe evidence", () => {
  it("a probe that times out by ext makes the inferred warning an error on the next analysis; an answer clears it", async () => {
    const s = session([answer("timeout", "192.168.1.10"), answer("connected", "192.168.1.10")]);
    s.poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.wrongNic()).toMatchObject({ severity: "warning", basis: "inferred" });

    await s.controller.probe("10.1.1.20:5061");
    await vi.advanceTimersByTimeAsync(0);
    const f = s.wrongNic();
    expect(f).toMatchObject({ severity: "error", basis: "evidence" });
    expect(f?.message).toContain(
      "; inferred intent, confirmed: 1 probe timed out there (to 10.1.1.20 by ext)",
    );
    // The host stayed the same all along: later polls keep the evidence.
    await vi.advanceTimersByTimeAsync(3000);
    expect(s.wrongNic()).toMatchObject({ severity: "error", basis: "evidence" });

    await s.controller.probe("10.1.1.20:5061");
    await vi.advanceTimersByTimeAsync(0);
    expect(s.wrongNic()).toMatchObject({ severity: "warning", basis: "inferred" });
    expect(s.wrongNic()?.message).not.toContain("probe");
    s.poller.stop();
  });

  it("a probe that times out by int, the card the guess wants, proves nothing", async () => {
    const s = session([answer("timeout", "192.168.1.11")]);
    s.poller.start();
    await vi.advanceTimersByTimeAsync(0);
    await s.controller.probe("10.1.1.20:5061");
    await vi.advanceTimersByTimeAsync(3000);
    expect(s.wrongNic()).toMatchObject({ severity: "warning", basis: "inferred" });
    s.poller.stop();
  });
});
