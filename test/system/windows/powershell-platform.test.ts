// The PowerShell platform against a fake session: one session for every poll,
// the story snapshot from one poll, parts and sessions that fail.
import { describe, expect, it } from "vitest";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import { createPowerShellPlatform } from "../../../src/system/windows/powershell-platform.js";
import { POWERSHELL_SESSION, pollScript } from "../../../src/system/windows/ps-script.js";
import { FakeSession, poll } from "./support/fake-session.js";

describe("PowerShell platform", () => {
  it("starts ONE session and reuses it for every poll", async () => {
    const spawned: string[][] = [];
    const sessions: FakeSession[] = [];
    const p = createPowerShellPlatform((argv) => {
      spawned.push(argv);
      const s = new FakeSession(() => poll);
      sessions.push(s);
      return s;
    });
    await p.collect();
    await p.collect();
    await p.collect();
    expect(spawned).toEqual([POWERSHELL_SESSION]);
    expect(POWERSHELL_SESSION).toEqual([
      "powershell.exe",
      "-NoLogo",
      "-NoProfile",
      "-NonInteractive",
      "-Command",
      "-",
    ]);
    expect(sessions[0]?.writes).toHaveLength(4); // setup + three polls
    await p.close?.();
    expect(sessions[0]?.closed).toBe(true);
  });

  it("builds the story snapshot from one poll's JSON", async () => {
    const markers = ["M1"];
    const p = createPowerShellPlatform(() => new FakeSession(() => poll), {
      clock: () => 5,
      newMarker: () => markers.shift() ?? "M2",
    });
    const s = await p.collect({ processNames: true });
    expect(s).toMatchObject({
      platform: "windows",
      collector: "powershell",
      host: "SRV-EDGE19",
      takenAt: 5,
      privileged: true,
    });
    if (!s.interfaces.ok || !s.routes.ok || !s.connections.ok) throw new Error("a part failed");
    expect(s.interfaces.value.map((i) => [i.name, i.index, i.metric])).toEqual([
      ["int", 14, 35],
      ["ext", 12, 25],
      ["Loopback Pseudo-Interface 1", 1, 75],
    ]);
    expect(s.routes.value.find((r) => r.destination === "0.0.0.0/0")).toMatchObject({
      gateway: "192.168.1.1",
      interface: "ext",
      metric: 25,
      persistent: true,
    });
    expect(s.routes.value.find((r) => r.destination === "192.168.1.10/32")?.type).toBe("local");
    expect(s.connections.value.find((c) => c.state === "SYN_SENT")).toMatchObject({
      pid: 2748,
      process: "RTCSrv",
    });
    expect(s.notes?.join()).toMatch(/12 listening endpoints/);
  });

  it("the poll script is one line, ends with the marker, and asks Get-Process only when told", () => {
    const a = pollScript("DUALHOME_END_1");
    expect(a.trimEnd().split("\n")).toHaveLength(1);
    expect(a.trimEnd().endsWith("'DUALHOME_END_1'")).toBe(true);
    expect(a).not.toContain("Get-Process");
    expect(pollScript("X", { processNames: true })).toContain("Get-Process");
    expect(() => pollScript("x'; Remove-Item C:\\ -Recurse; '")).toThrow();
  });

  it("a part that failed inside PowerShell fails alone", async () => {
    const data = JSON.parse(poll) as Record<string, unknown>;
    delete data.tcp;
    data.tcpError = "Access is denied";
    const p = createPowerShellPlatform(() => new FakeSession(() => JSON.stringify(data)));
    const s = await p.collect();
    expect(s.routes.ok).toBe(true);
    expect(s.connections).toMatchObject({ ok: false, error: "tcp: Access is denied" });
  });

  it("a dead session fails the poll and is replaced on the next one", async () => {
    const made: FakeSession[] = [];
    let first = true;
    const p = createPowerShellPlatform(() => {
      const s = new FakeSession(() => {
        if (first) {
          first = false;
          return new CommandError("powershell.exe exited (1)", "failed", POWERSHELL_SESSION);
        }
        return poll;
      });
      made.push(s);
      return s;
    });
    const bad = await p.collect();
    expect(bad.routes).toMatchObject({
      ok: false,
      error: "PowerShell session failed: powershell.exe exited (1)",
    });
    expect(made[0]?.closed).toBe(true);
    const good = await p.collect();
    expect(good.routes.ok).toBe(true);
    expect(made).toHaveLength(2);
  });

  it("changeArgv uses New-NetRoute", async () => {
    const p = createPowerShellPlatform(() => new FakeSession(() => poll));
    const s = await p.collect();
    if (!s.interfaces.ok) throw new Error("interfaces failed");
    const argv = p.changeArgv?.(
      {
        action: "add",
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "int",
        persistent: false,
      },
      s.interfaces.value,
    );
    expect(argv?.slice(4, 10)).toEqual([
      "New-NetRoute",
      "-DestinationPrefix",
      "10.0.0.0/8",
      "-InterfaceIndex",
      "14",
      "-NextHop",
    ]);
  });
});
