// The whole guided fix in-process, driven as the wizard drives it, on a Linux
// host kept in memory: the extras (ARP, rp_filter) and a run without root.
import { describe, expect, it } from "vitest";
import { createChangeRunner } from "../../../src/app/change/runner.js";
import { createFixSession } from "../../../src/app/fix/session.js";
import { memoryJournal } from "../../../src/system/journal/journal.js";
import { inProcessWatchdog } from "../../../src/system/journal/watchdog.js";
import { acceptSuggestions, applyAll, memFiles, send } from "./session-driver.js";
import { fakeLinuxHost } from "./support.js";

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
    await applyAll(s, (i) => (i === arp ? "n" : "c"));
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
    // The steps share one group: one undo of any of them offers the whole fix.
    if (!undo.ok) throw new Error(undo.reason);
    const whole = changes.prepareGroup(undo);
    expect(whole.group).toMatch(/^fix-[0-9a-f]{8}$/);
    expect(whole.steps.length).toBeGreaterThan(1);
    expect(s.store.getState().summary).toMatch(
      /dualhome undo \w+ reverts every step of this fix still applied, newest first/,
    );
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
