// The whole guided fix in-process, driven as the wizard drives it, on the demo
// server and on a Linux host kept in memory.
import { describe, expect, it } from "vitest";
import { createChangeRunner } from "../../../src/app/change-runner.js";
import { createFixSession, type FixSession } from "../../../src/app/fix-session.js";
import { confirmText } from "../../../src/app/fix-text.js";
import { demoFixDeps } from "../../../src/app/fix-wiring.js";
import { parsePolicyText } from "../../../src/core/policy.js";
import { memoryJournal } from "../../../src/system/journal.js";
import { createDemoPlatform } from "../../../src/system/simulated/demo-platform.js";
import { inProcessWatchdog } from "../../../src/system/watchdog.js";
import { fakeLinuxHost } from "./support.js";

function memFiles() {
  const written = new Map<string, string>();
  return {
    written,
    async write(path: string, text: string) {
      const abs = path.replace(/^\.\//, "/work/");
      const backup = written.has(abs) ? `${abs}.bak` : null;
      written.set(abs, text);
      return { path: abs, backup };
    },
    beside: (file: string, name: string) => `${file.replace(/^\.\//, "/work/").replace(/[^/]*$/, "")}${name}`,
  };
}

const phase = (s: FixSession) => s.store.getState().phase.kind;

async function send(s: FixSession, ...events: Parameters<FixSession["send"]>[0][]) {
  for (const e of events) {
    s.send(e);
    await s.idle();
  }
}

/** Enter on every suggestion, then Enter on the plan. */
async function acceptSuggestions(s: FixSession) {
  s.start();
  await s.idle();
  expect(phase(s)).toBe("observed");
  await send(s, { type: "next" });
  await send(s, { type: "choose", value: s.store.getState().suggestions.cards[0]?.value ?? "" });
  await send(s, { type: "choose", value: s.store.getState().suggestions.gateways[0]?.value ?? "" });
  await send(s, { type: "submit" }, { type: "submit" }, { type: "submit" });
  expect(phase(s)).toBe("plan");
}

/** y then k on every step; returns the argv the confirmations showed. */
async function applyAll(s: FixSession, answer: (i: number) => "k" | "n" = () => "k") {
  const shown: string[][] = [];
  while (phase(s) === "confirm") {
    const p = s.store.getState().phase;
    if (p.kind !== "confirm") break;
    shown.push(...p.view.argv);
    await send(s, { type: "confirm", yes: true });
    if (phase(s) === "keep") {
      (answer(p.step) === "k" ? s.keep : s.revert)();
      await s.idle();
    }
  }
  return shown;
}

async function until(s: FixSession, ok: () => boolean, deadlineMs = 15_000) {
  const end = Date.now() + deadlineMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`gave up in phase ${phase(s)}`);
    await new Promise((r) => setTimeout(r, 100));
    s.tick();
    await s.idle();
  }
}

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

  it("Enter on the suggestions, y and k: pinned, proven from 192.168.1.11 via int, policy and summary written", async () => {
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

describe("the guided fix on a Linux host", () => {
  function linuxSession(o: { privileged?: boolean } = {}) {
    const fake = fakeLinuxHost();
    const journal = memoryJournal();
    const changes = createChangeRunner({
      platform: fake.platform,
      runner: fake.runner,
      journal,
      spawnWatchdog: inProcessWatchdog({ journal, runner: fake.runner, clock: Date.now }),
      readOnly: false,
      privileged: o.privileged ?? true,
    });
    const neighbours = async () => ({
      neighbours: [{ address: "192.168.1.254", mac: "62:f1:7a:7b:1c:81", card: "eth0", state: "REACHABLE" }],
      warnings: [],
    });
    const s = createFixSession({
      platform: fake.platform,
      changes,
      probe: fake.probe,
      neighbours,
      files: memFiles(),
      privileged: o.privileged ?? true,
      tickMs: 0,
    });
    return { s, fake, changes };
  }

  it("with the extras turned on: ARP reverted with n, rp_filter kept, proven via eth1", async () => {
    const { s, fake, changes } = linuxSession();
    await acceptSuggestions(s);
    const st = s.store.getState();
    expect(st.answers).toMatchObject({ card: "eth1", gateway: "192.168.1.254" });
    for (const id of ["arp", "rp-filter"]) {
      const at = st.plan.findIndex((p) => p.id === id);
      const cur = s.store.getState().phase;
      const from = cur.kind === "plan" ? cur.cursor : 0;
      await send(s, { type: "move", delta: at - from }, { type: "toggle" });
    }
    await send(s, { type: "next" });
    const arp = st.plan.findIndex((p) => p.id === "arp");
    await applyAll(s, (i) => (i === arp ? "n" : "k"));
    const done = s.store.getState();
    expect(done.phase.kind).toBe("proved");
    expect(done.records[arp]?.status).toBe("reverted");
    expect(fake.host.sysctls.get("net.ipv4.conf.all.arp_ignore")).toBe("0");
    expect(fake.host.sysctls.get("net.ipv4.conf.eth1.rp_filter")).toBe("2");
    expect(fake.host.rules).toEqual([]);
    expect(done.proof).toMatchObject({ ok: true, card: "eth1", gateway: "192.168.1.254", wrongNow: 0 });
    await send(s, { type: "next" });
    expect(s.store.getState().summary).toMatch(
      /its revert \(journal \w+\), which `dualhome undo` runs in turn:/,
    );
    // Journaled like the routes: undo reverts rp_filter first (the newest applied change).
    const undo = changes.prepareUndo();
    expect(undo.ok && undo.commands).toEqual([
      ["sysctl", "-w", "net.ipv4.conf.eth1.rp_filter=1"],
      ["sysctl", "-w", "net.ipv4.conf.eth0.rp_filter=1"],
    ]);
    expect(s.store.getState().summary).toContain("sysctl -w net.ipv4.conf.eth1.rp_filter=1");
    await s.stop();
  });

  it("without root nothing runs: the first step is refused and the summary lists the commands to run", async () => {
    const { s, fake } = linuxSession({ privileged: false });
    await acceptSuggestions(s);
    await send(s, { type: "next" });
    const p = s.store.getState().phase;
    expect(p.kind === "confirm" && p.view.refusal).toMatch(/needs root/);
    await send(s, { type: "confirm", yes: true });
    const st = s.store.getState();
    expect(st.records[0]?.status).toBe("refused");
    expect(st.stopped).toMatch(/needs root/);
    expect(fake.host.calls).toEqual([]);
    await send(s, { type: "next" });
    expect(s.store.getState().summary).toContain("ip route add 172.16.0.0/12 via 192.168.1.254 dev eth1");
    await s.stop();
  });
});
