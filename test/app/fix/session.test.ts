// The whole guided fix in-process, driven as the wizard drives it, on the demo
// server. The Linux host kept in memory is in fix-session-linux.test.ts.
import { describe, expect, it } from "vitest";
import { createFixSession } from "../../../src/app/fix/session.js";
import { confirmText } from "../../../src/app/fix/text.js";
import { demoFixDeps } from "../../../src/app/fix/wiring.js";
import { parsePolicyText } from "../../../src/core/policy.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";
import { acceptSuggestions, applyAll, memFiles, phase, send, until } from "./session-driver.js";

describe("the guided fix on the demo server", () => {
  it("--rollback-after 0: the confirmation says how the change is undone, and on the demo that is not `dualhome undo`", async () => {
    for (const [demoHost, want] of [
      [true, "no automatic rollback (--rollback-after 0): the simulated change ends with the demo"],
      [false, "no automatic rollback (--rollback-after 0): `dualhome undo` reverts it"],
    ] as const) {
      const deps = demoFixDeps(createDemoPlatform({ seed: 5 }), {
        files: memFiles(),
        policy: null,
        rollbackAfterS: 0,
        readOnly: false,
        self: "dualhome",
      });
      const s = createFixSession({ ...deps, ...(demoHost ? {} : { undoWith: undefined }), tickMs: 0 });
      await acceptSuggestions(s);
      await send(s, { type: "next" });
      const p = s.store.getState().phase;
      if (p.kind !== "confirm") throw new Error(`not confirming: ${p.kind}`);
      expect(confirmText(p.view)).toContain(want);
      await s.stop();
    }
  });

  it("Enter on the suggestions, y and c: pinned, proven from 192.168.1.11 via int, policy and summary written", async () => {
    const demo = createDemoPlatform({ seed: 5 });
    const files = memFiles();
    const deps = demoFixDeps(demo, {
      files,
      policy: null,
      rollbackAfterS: 60,
      readOnly: false,
      self: "dualhome",
    });
    const s = createFixSession({ ...deps, tickMs: 0 });
    await acceptSuggestions(s);
    await send(s, { type: "next" });
    const shown = await applyAll(s);
    expect(shown.map((a) => a.join(" "))).toEqual([
      "route add 10.0.0.0 mask 255.0.0.0 192.168.1.254 IF 65540 -p",
      "route add 172.16.0.0 mask 255.240.0.0 192.168.1.254 IF 65540 -p",
      "route add 192.168.0.0 mask 255.255.0.0 192.168.1.254 IF 65540 -p",
    ]);
    expect(phase(s)).toBe("proved");
    const st = s.store.getState();
    expect(st.records.slice(0, 3).map((r) => r.status)).toEqual(["kept", "kept", "kept"]);
    expect(st.proof).toMatchObject({ ok: true, card: "int", gateway: "192.168.1.254", wrongBefore: 2 });
    expect(st.proof?.result).toMatchObject({ outcome: "connected", source: "192.168.1.11" });
    await send(s, { type: "next" });
    expect(phase(s)).toBe("done");
    const done = s.store.getState();
    expect(done.files.policy).toBe("/work/dualhome-policy.yaml");
    const parsed = parsePolicyText(
      files.written.get("/work/dualhome-policy.yaml") ?? "",
      "dualhome-policy.yaml",
    );
    expect(parsed).toEqual({
      ok: true,
      policy: {
        rules: [
          {
            name: "internal",
            destinations: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
            interface: "int",
            gateway: "192.168.1.254",
          },
          { name: "external", destinations: ["0.0.0.0/0"], interface: "ext", gateway: "192.168.1.1" },
        ],
      },
    });
    expect(done.summary).toMatch(
      /OK: 10\.1\.1\.2[01]:5061 connected in \d+ ms from 192\.168\.1\.11 via int \(gateway 192\.168\.1\.254\)/,
    );
    expect(done.summary).toMatch(/What was wrong\n {2}- 10\.0\.0\.0\/8 leaves ext via 192\.168\.1\.1/);
    expect(done.summary).toContain("route add 10.0.0.0 mask 255.0.0.0 192.168.1.254 IF 65540 -p");
    expect(done.summary).toContain(
      "Set-DnsClient -InterfaceIndex 65540 -RegisterThisConnectionsAddress $false",
    );
    expect(files.written.get(done.files.summary ?? "")).toBe(done.summary);
    await s.stop();
  });

  it("a step not kept in time is reverted by the watchdog, and the fix stops there", async () => {
    // The proof's probe times out quickly once the route is gone.
    const demo = createDemoPlatform({ seed: 5, probeTimeoutMs: 100 });
    const deps = demoFixDeps(demo, {
      files: memFiles(),
      policy: null,
      rollbackAfterS: 1,
      readOnly: false,
      self: "dualhome",
    });
    const s = createFixSession({ ...deps, tickMs: 0 });
    await acceptSuggestions(s);
    await send(s, { type: "next" }, { type: "confirm", yes: true });
    expect(phase(s)).toBe("keep");
    expect(demo.routesNow().some((r) => r.destination === "10.0.0.0/8")).toBe(true);
    await until(s, () => phase(s) === "proved");
    const st = s.store.getState();
    expect(st.records[0]?.status).toBe("reverted");
    expect(st.stopped).toMatch(/step 1 was not kept in time: reverted by watchdog/);
    expect(demo.routesNow().some((r) => r.destination === "10.0.0.0/8")).toBe(false);
    expect(st.proof?.ok).toBe(false);
    await s.stop();
  });
});
