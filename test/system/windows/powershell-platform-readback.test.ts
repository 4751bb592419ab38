// A change's read-back on Windows: it comes while the screen's poll may still be waiting
// on the one PowerShell session, and it must see the table past the route-count check.
import { describe, expect, it } from "vitest";
import type { Session } from "../../../src/system/exec/runner-session.js";
import { createPowerShellPlatform } from "../../../src/system/windows/powershell-platform.js";
import { poll } from "./support/fake-session.js";

/** Answers a moment later, and, like the real session, refuses a second reader while one waits. */
class SlowSession implements Session {
  writes: string[] = [];
  private waiting = false;
  constructor(private readonly answer: (script: string) => string) {}
  write(text: string): void {
    this.writes.push(text);
  }
  readUntil(marker: string): Promise<string> {
    if (this.waiting) return Promise.reject(new Error("powershell.exe: a read is already waiting"));
    this.waiting = true;
    const script = this.writes.find((w) => w.includes(`'${marker}'`)) ?? "";
    return new Promise((resolve) =>
      setTimeout(() => {
        this.waiting = false;
        resolve(`${this.answer(script)}\r\n`);
      }, 5),
    );
  }
  async close(): Promise<void> {}
}

const unchanged = JSON.stringify({ ...JSON.parse(poll), routes: undefined, routesUnchanged: true });
const answer = (script: string) => (script.includes("if ($true -or") ? poll : unchanged);

describe("PowerShell platform: read-back during a poll", () => {
  it("runs a second collect after the first instead of breaking the session", async () => {
    const sessions: SlowSession[] = [];
    const p = createPowerShellPlatform(() => {
      const s = new SlowSession(answer);
      sessions.push(s);
      return s;
    });
    const [a, b] = await Promise.all([p.collect(), p.collect()]);
    expect(a.routes.ok && b.routes.ok).toBe(true);
    expect(b.notes ?? []).toEqual(a.notes ?? []);
    expect(sessions).toHaveLength(1);
  });

  it("routesOf reads every route again although the count did not change", async () => {
    const sessions: SlowSession[] = [];
    const p = createPowerShellPlatform(
      () => {
        const s = new SlowSession(answer);
        sessions.push(s);
        return s;
      },
      { clock: () => 1_000, resyncMs: 30_000 },
    );
    await p.collect();
    await p.collect();
    expect(sessions[0]?.writes.at(-1)).toContain("if ($false -or");
    const routes = await p.routesOf?.("10.0.0.0/8", "main");
    expect(sessions[0]?.writes.at(-1)).toContain("if ($true -or");
    expect(routes?.ok && routes.value.length).toBeGreaterThan(10);
  });

  it("routesOf asked while a poll still waits reads every route all the same", async () => {
    const sessions: SlowSession[] = [];
    const p = createPowerShellPlatform(
      () => {
        const s = new SlowSession(answer);
        sessions.push(s);
        return s;
      },
      { clock: () => 1_000, resyncMs: 30_000 },
    );
    await p.collect();
    const poll = p.collect();
    const routes = p.routesOf?.("10.0.0.0/8", "main");
    await poll;
    await routes;
    expect(sessions[0]?.writes.at(-2)).toContain("if ($false -or");
    expect(sessions[0]?.writes.at(-1)).toContain("if ($true -or");
  });
});
