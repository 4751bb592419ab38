import { describe, expect, it } from "vitest";
import { createChangeRunner, type PreparedChange } from "../../../src/app/change/runner.js";
import { impactLines } from "../../../src/commands/change-cli.js";
import type { RouteChange } from "../../../src/core/model.js";
import { memoryJournal } from "../../../src/system/journal/journal.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { analysis, baseRoutes, SSH, tablePlatform } from "./world.js";

function runner(env: Record<string, string>) {
  return createChangeRunner({
    platform: tablePlatform(baseRoutes()),
    runner: new FakeRunner(),
    journal: memoryJournal(),
    spawnWatchdog: () => 0,
    readOnly: false,
    privileged: true,
    env,
  });
}

const change = (destination: string): RouteChange => ({
  action: "add",
  destination,
  gateway: "192.168.1.254",
  interface: "eth1",
  persistent: false,
});

describe("impact before a change", () => {
  it("a route over the operator's own subnet lists their SSH session first, flagged", async () => {
    const p = (await runner({ SSH_CONNECTION: SSH }).prepare(
      change("192.168.1.0/25"),
      analysis(),
    )) as PreparedChange;
    expect(p.operatorAffected).toBe(true);
    expect(p.impact.map((r) => [r.connection.remote.address, r.operatorSession])).toEqual([
      ["192.168.1.50", true],
      ["192.168.1.60", false],
    ]);
    expect(p.impact[0]?.before).toEqual({ interface: "eth0", gateway: null });
    expect(p.impact[0]?.after).toEqual({ interface: "eth1", gateway: "192.168.1.254" });
    const lines = impactLines(p.impact);
    expect(lines[0]).toBe("impact: 2 live connections would move:");
    expect(lines[1]).toContain("YOUR OWN SESSION: tcp 192.168.1.11:22 -> 192.168.1.50:51000 ESTABLISHED");
    expect(lines[1]).toContain("eth0 on-link -> eth1 via 192.168.1.254");
    expect(lines[2]).not.toContain("YOUR OWN SESSION");
  });

  it("the fix for the SIP call moves the SIP call only, and not the session", async () => {
    const p = (await runner({ SSH_CONNECTION: SSH }).prepare(
      change("10.0.0.0/8"),
      analysis(),
    )) as PreparedChange;
    expect(p.operatorAffected).toBe(false);
    expect(p.impact.map((r) => `${r.connection.remote.address}:${r.connection.remote.port}`)).toEqual([
      "10.1.1.20:5061",
    ]);
    expect(p.impact[0]?.after).toEqual({ interface: "eth1", gateway: "192.168.1.254" });
  });

  it("says so when nothing moves", () => {
    expect(impactLines([])).toEqual(["impact: no live connection changes card or gateway"]);
  });
});
