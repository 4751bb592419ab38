import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { explainDestination } from "../../src/core/explain.js";
import type { Policy } from "../../src/core/policy.js";
import { createDemoPlatform } from "../../src/system/simulated/demo-platform.js";

const ctx = { policy: null, policySource: "inferred" };
const POLICY: Policy = {
  rules: [{ name: "internal", destinations: ["10.0.0.0/8"], interface: "int", gateway: "192.168.1.254" }],
};

async function demo(pinned: boolean) {
  const p = createDemoPlatform({ seed: 3, clock: () => 1_700_000_000_000 });
  if (pinned)
    p.applyChange({
      action: "add",
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "int",
      metric: 10,
      persistent: true,
    });
  return analyze(await p.collect(), { policySource: "inferred" });
}

describe("explain in the TUI", () => {
  it("says 10.1.1.20 leaves ext by the default route from 192.168.1.10, and that int is expected", async () => {
    const out = explainDestination(await demo(false), "10.1.1.20", ctx);
    if (!out.ok) throw new Error(out.error);
    expect(out.result).toMatchObject({
      destination: "10.1.1.20",
      interface: "ext",
      gateway: "192.168.1.1",
      source: "192.168.1.10",
      route: { destination: "0.0.0.0/0" },
      expected: { interface: "int" },
      verdict: "wrong-nic",
    });
  });

  it("after the pinned route, it leaves int via 192.168.1.254 from 192.168.1.11 and is ok", async () => {
    const out = explainDestination(await demo(true), "10.1.1.20", { policy: POLICY, policySource: "p.yaml" });
    if (!out.ok) throw new Error(out.error);
    expect(out.result).toMatchObject({
      interface: "int",
      gateway: "192.168.1.254",
      source: "192.168.1.11",
      route: { destination: "10.0.0.0/8" },
      expected: { interface: "int", gateway: "192.168.1.254" },
      verdict: "ok",
    });
  });

  it("honours 'from' on a strong host and refuses what is not an address", async () => {
    const a = await demo(false);
    const from = explainDestination(a, "8.8.8.8 from 192.168.1.11", ctx);
    if (!from.ok) throw new Error(from.error);
    // Only routes of int count for a source on int: no default route there.
    expect(from.result.interface === "int" || from.result.verdict === "no-route").toBe(true);
    expect(explainDestination(a, "not-an-ip", ctx)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not an IP/),
    });
    expect(explainDestination(a, "10.1.1.20 from 10.9.9.9", ctx)).toMatchObject({ ok: false });
  });

  it("loopback and the host's own addresses are explained, not doubted", async () => {
    const a = await demo(false);
    for (const dest of ["127.0.0.1", "192.168.1.10"]) {
      const out = explainDestination(a, dest, ctx);
      expect(out.ok && out.result.verdict, dest).toBe("ok");
    }
  });

  it("takes a port (and /udp) for hosts whose rules select on ports; a bad port is refused", async () => {
    const a = await demo(false);
    const tcp = explainDestination(a, "10.1.1.20 port 5061 from 192.168.1.10", ctx);
    expect(tcp).toMatchObject({ ok: true, result: { flow: { proto: "tcp", port: 5061 }, interface: "ext" } });
    const udp = explainDestination(a, "10.1.1.20 port 53/udp", ctx);
    expect(udp).toMatchObject({ ok: true, result: { flow: { proto: "udp", port: 53 } } });
    expect(explainDestination(a, "10.1.1.20", ctx)).toMatchObject({ ok: true, result: { flow: null } });
    for (const bad of ["10.1.1.20 port 0", "10.1.1.20 port 70000", "10.1.1.20 port x"])
      expect(explainDestination(a, bad, ctx)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/port/),
      });
  });
});
