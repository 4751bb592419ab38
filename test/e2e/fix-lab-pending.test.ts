// `dualhome fix` in the lab while a change made from the CLI still counts down
// (issue 12, item 3): the journal on disk lists it as pending, the guided fix
// asks first, n reverts it, the plan pins 10.0.0.0/8 again and the summary says
// so; the first change's detached watchdog takes nothing away afterwards.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptEverything, finish } from "./fix-drive.js";
import { fixLab, labReady, whyNot } from "./fix-lab-setup.js";
import { sleep } from "./tmux-driver.js";

if (!labReady) console.warn(`fix lab pending test skipped: ${whyNot}`);
const lab = fixLab("pend");
const { dir, session: s } = lab;
const PINNED = /^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m;
const pinned = () => PINNED.test(lab.inServer("ip", "route", "show"));

beforeAll(async () => {
  if (labReady) await lab.up();
}, 180_000);
afterAll(() => lab.down());

describe.skipIf(!labReady)("dualhome fix with a change counting down (tmux, lab namespaces)", () => {
  it("asks first; n reverts it; the fix pins it again and its summary is true after the old deadline", async () => {
    const out = lab.cli(
      "route",
      "add",
      "10.0.0.0/8",
      "--via",
      "192.168.1.254",
      "--dev",
      "eth1",
      "--rollback-after",
      "40",
      "--yes",
    );
    const id = /journal id ([0-9a-f]{8})/.exec(out)?.[1] ?? "";
    expect(id).not.toBe("");
    const deadline = Date.now() + 40_000;
    await lab.startFix();
    const asked = await s.waitFor(
      "the question first",
      (t) => t.includes("A change is still counting down"),
      60_000,
    );
    expect(asked).toMatch(
      new RegExp(
        `route add 10\\.0\\.0\\.0/8 via 192\\.168\\.1\\.254 dev eth1 \\(${id}\\) reverts by itself in \\d+ s`,
      ),
    );
    await s.type("", "k", "j", "g", "G", "Enter");
    await sleep(500);
    expect(await s.screen()).toContain("A change is still counting down");
    expect(pinned()).toBe(true);
    await s.type("n");
    const proof = await acceptEverything(s, /192\.168\.1\.254/);
    expect(proof).toMatch(/proven: 10\.1\.1\.20:5061 connected .* via eth1/);
    await finish(s);
    const summaryName = readdirSync(dir).find((f) => /^dualhome-fix-.*\.txt$/.test(f)) ?? "";
    const summary = readFileSync(join(dir, summaryName), "utf8");
    expect(summary).toContain(
      `- reverted before planning: route add 10.0.0.0/8 via 192.168.1.254 dev eth1 (${id})`,
    );
    expect(summary).toMatch(
      /1\. add 10\.0\.0\.0\/8 via 192\.168\.1\.254 on eth1 \(pinned\): applied and kept/,
    );
    await s.type("q");
    // Past the first change's deadline: its watchdog (already settled) removes nothing.
    while (Date.now() < deadline + 5_000) await sleep(500);
    expect(pinned()).toBe(true);
    const journal = JSON.parse(lab.cli("journal", "--json")).entries as { id: string; status: string }[];
    expect(journal.find((e) => e.id === id)?.status).toBe("reverted");
  }, 240_000);
});
