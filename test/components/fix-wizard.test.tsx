// The wizard in a fixed-size terminal: every frame fits, the keys of a person
// who accepts every suggestion get to the proof, and --ascii stays 7-bit.
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import type { ChangeRunner, PreparedChange } from "../../src/app/change/runner.js";
import { demoChangeRunner } from "../../src/app/change/wiring.js";
import { createFixSession } from "../../src/app/fix/session.js";
import { demoFixDeps } from "../../src/app/fix/wiring.js";
import { FixWizard } from "../../src/components/fix/FixWizard.js";
import { analyze } from "../../src/core/analyze.js";
import { createDemoPlatform, type DemoPlatform } from "../../src/system/simulated/demo-platform.js";

const files = {
  write: async (path: string) => ({ path: `/tmp/${path}`, backup: null }),
  beside: (_f: string, name: string) => `/tmp/${name}`,
};

async function wizard(
  columns: number,
  rows: number,
  ascii: boolean,
  live?: (demo: DemoPlatform) => Promise<ChangeRunner>,
) {
  const demo = createDemoPlatform({ seed: 9 });
  const deps = demoFixDeps(
    demo,
    { files, policy: null, rollbackAfterS: 60, readOnly: false, self: "dualhome" },
    live ? await live(demo) : undefined,
  );
  const session = createFixSession({ ...deps, tickMs: 0 });
  const exits: string[] = [];
  const ink = render(
    <FixWizard
      session={session}
      ascii={ascii}
      color={false}
      size={{ columns, rows }}
      onExit={(s) => exits.push(s.phase.kind)}
    />,
  );
  session.start();
  await session.idle();
  const frames: string[] = [];
  const frame = () => {
    const f = ink.lastFrame() ?? "";
    frames.push(f);
    return f;
  };
  const press = async (key: string) => {
    ink.stdin.write(key);
    await new Promise((r) => setTimeout(r, 10));
    await session.idle();
    await new Promise((r) => setTimeout(r, 10));
    return frame();
  };
  return { session, ink, frames, frame, press, exits };
}

describe("the fix wizard", () => {
  it("at 80x24: Enter on every suggestion, y and c, reaches the proof; no frame is taller or wider than the terminal", async () => {
    const w = await wizard(80, 24, false);
    expect(w.frame()).toContain("2 flows leave the wrong card");
    expect(await w.press("\r")).toContain("Question 1 of 5: which card is the internal one?");
    expect(w.frame()).toMatch(/int {2}192\.168\.1\.11\/24 {2}\(suggested: no default gateway\)/);
    expect(await w.press("\r")).toMatch(/192\.168\.1\.254 {2}\(suggested: in int's ARP table\)/);
    expect(await w.press("\r")).toContain("> 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16");
    expect(await w.press("\r")).toMatch(/> 10\.1\.1\.2[01]:5061/);
    expect(await w.press("\r")).toContain("> ./dualhome-policy.yaml");
    expect(await w.press("\r")).toContain("The plan (4 steps):");
    let f = await w.press("\r");
    for (let step = 0; step < 3; step++) {
      expect(f).toContain(`Step ${step + 1} of 3`);
      expect(f).toContain("route add");
      f = await w.press("y");
      expect(f).toMatch(/reverts by itself in \d+ s unless you press c \(keep\)/);
      f = await w.press("c");
    }
    expect(f).toMatch(/proven: 10\.1\.1\.2[01]:5061 connected in \d+ ms from 192\.168\.1\.11 via int/);
    for (const fr of w.frames) {
      const lines = fr.split("\n");
      expect(lines.length).toBeLessThanOrEqual(24);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    }
    await w.session.stop();
    w.ink.unmount();
  });

  it("a typed answer: letters, backspace, Ctrl-U, and the error shown under the box", async () => {
    const w = await wizard(100, 30, false);
    await w.press("\r");
    await w.press("\r");
    await w.press("\r");
    await w.press("\x15");
    await w.press("10.1.0.0/8x");
    let f = await w.press("\x7f");
    expect(f).toContain("> 10.1.0.0/8");
    f = await w.press("\r");
    expect(f).toContain("10.1.0.0/8 has host bits set: did you mean 10.0.0.0/8?");
    f = await w.press("\x1b");
    expect(f).toContain("Question 2 of 5");
    await w.session.stop();
    w.ink.unmount();
  });

  it("--ascii: nothing outside 7-bit ASCII; q leaves from the first screen", async () => {
    const w = await wizard(80, 24, true);
    await w.press("\r");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for 7-bit output
    expect(w.frames.every((f) => /^[\x00-\x7f]*$/.test(f))).toBe(true);
    await w.press("q");
    expect(w.exits).toEqual(["ask-card"]);
    await w.session.stop();
    w.ink.unmount();
  });

  it("a change the live screen left counting down: shown first; moving, Enter, Esc and y do not keep it, c does", async () => {
    let runner: ChangeRunner | null = null;
    const w = await wizard(100, 30, false, async (demo) => {
      const never = () => new Promise<void>(() => {});
      runner = demoChangeRunner(demo, { readOnly: false, sleep: never });
      const a = await createDemoPlatform({ seed: 9 }).collect();
      const pin = {
        action: "add" as const,
        destination: "10.0.0.0/8",
        gateway: "192.168.1.254",
        interface: "int",
        persistent: true,
      };
      const p = await runner.prepare(pin, analyze(a, { policySource: "t", now: Date.now() }));
      await runner.apply(p as PreparedChange, { rollbackAfterS: 60 });
      return runner;
    });
    const live = runner as unknown as ChangeRunner;
    const id = live.status().pending[0]?.id ?? "";
    let f = w.frame();
    expect(f).toContain("A change is still counting down: keep it or revert it before the fix looks");
    expect(f).toMatch(
      /route add 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev int \(\w+\) reverts by itself in \d+ s/,
    );
    expect(f).toContain("c keep it · n revert it now");
    for (const key of ["k", "j", "g", "G", "K", "\r", "\x1b", "\x1b[A", "y", " "]) {
      f = await w.press(key);
      expect(f).toContain("A change is still counting down");
      expect(live.entry(id)?.status).toBe("rollback-pending");
    }
    f = await w.press("c");
    expect(live.entry(id)?.status).toBe("kept");
    expect(f).toContain("What dualhome sees");
    await w.session.stop();
    w.ink.unmount();
  });
});
