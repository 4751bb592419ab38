// The PowerShell platform compares route counts before it reads the routes
// again, and re-reads them in full after resyncMs.
import { describe, expect, it } from "vitest";
import { createPowerShellPlatform } from "../../../src/system/windows/powershell-platform.js";
import { FakeSession, poll } from "./support/fake-session.js";

describe("PowerShell platform: a cheap change check before a full route read", () => {
  it("reads routes in full first, hands back the same routes while the count is unchanged, re-reads after resyncMs", async () => {
    let now = 1_000;
    const unchanged = JSON.stringify({ ...JSON.parse(poll), routes: undefined, routesUnchanged: true });
    const sessions: FakeSession[] = [];
    const p = createPowerShellPlatform(
      () => {
        // The script asks for a full read with "$true -or"; otherwise PowerShell compares route counts.
        const s = new FakeSession((script) => (script.includes("if ($true -or") ? poll : unchanged));
        sessions.push(s);
        return s;
      },
      { clock: () => now, resyncMs: 30_000 },
    );
    const first = await p.collect();
    expect(first.routes.ok && first.routes.value.length).toBeGreaterThan(10);
    now += 1_000;
    const second = await p.collect();
    expect(second.routes).toBe(first.routes);
    expect(sessions[0]?.writes.at(-1)).toContain("if ($false -or");
    expect(sessions[0]?.writes.at(-1)).toContain("NumberOfRoutes");
    now += 30_000;
    const third = await p.collect();
    expect(sessions[0]?.writes.at(-1)).toContain("if ($true -or");
    expect(third.routes).not.toBe(first.routes);
    expect(third.routes).toEqual(first.routes);
  });
});
