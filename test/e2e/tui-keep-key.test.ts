// Keeping is a deliberate act, in a real terminal (tmux) on the real executable
// (`node bin/dualhome.js demo`): during a countdown every key but c (moving with
// j/k/arrows, g/G, every command and letter, the guided fix's own screen) leaves
// the change to revert; c keeps it. And the guided fix started during a countdown
// asks first, so its summary is true and nothing reverts it afterwards.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptEverything, finish, startIn } from "./fix-drive.js";
import { ensureBuilt, hasTmux, ROOT, sleep, TmuxSession } from "./tmux-driver.js";

const sessions: TmuxSession[] = [];
const dirs: string[] = [];
const BIN = join(ROOT, "bin", "dualhome.js");

function session(tag: string): TmuxSession {
  const s = new TmuxSession(`dualhome-keep-${tag}-${process.pid}-${Date.now()}`);
  sessions.push(s);
  return s;
}

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  for (const s of sessions) await s.kill();
  await sessions[0]?.killServer();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const COUNTING =
  /reverting in \d+ s unless you press c \(keep\): route add 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev int/;
const REVERTED = "route add 10.0.0.0/8 via 192.168.1.254 dev int was reverted by watchdog: it is undone";
const KEPT = "kept: route add 10.0.0.0/8 via 192.168.1.254 dev int stays";
const PINNED = /10\.0\.0\.0\/8\s+192\.168\.1\.254\s+int\b/;
const dialog = (t: string) =>
  t.includes("Confirm:") || t.includes("Add a route") || t.includes("dualhome keys");

async function countingDown(s: TmuxSession, rollbackAfter: string, cwd = ROOT): Promise<void> {
  await startIn(s, cwd, ["node", BIN, "demo", "--rollback-after", rollbackAfter], 130, 40);
  await s.waitFor("the live screen with the stuck flow", (t) =>
    /Connections\s+\d+ · [1-9]\d* wrong NIC/.test(t),
  );
  await s.type("f");
  await s.waitFor("the confirmation", (t) => t.includes("Confirm: route add 10.0.0.0/8"));
  await s.type("y");
  await s.waitFor("the countdown", (t) => COUNTING.test(t));
}

/** Every key but c and q, in every mode the live screen has, each closed again with Esc. */
async function everyOtherKey(s: TmuxSession): Promise<void> {
  await s.type(
    "",
    "j",
    "j",
    "k",
    "Down",
    "Up",
    "G",
    "g",
    "End",
    "Home",
    "NPage",
    "PPage",
    "Tab",
    "Tab",
    "Tab",
  );
  await s.type("", "Left", "Right", "Enter", "BSpace", "Space", "Space");
  // a opens the form, d/f/u a confirmation once prepared: waited for, so no later key lands in one.
  for (const key of ["a", "d", "f", "u"]) {
    await s.type(key);
    await sleep(600);
    await s.type("", "Escape");
    await s.waitFor(`${key} closed by Esc`, (t) => !dialog(t));
  }
  const rest = Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).filter(
    (k) => !"cqFadfu".includes(k),
  );
  for (const key of rest) await s.type(key, "Escape");
  await s.waitFor("every dialog closed", (t) => !dialog(t) && !/^\s*(\/ filter|explain|probe)/m.test(t));
  // F: the guided fix asks about the change first; its keys do not keep it either; q comes back.
  await s.type("F");
  await s.waitFor("the guided fix's question", (t) => t.includes("A change is still counting down"));
  await s.type("", "k", "j", "g", "G", "Up", "Down", "Enter", "Escape", "y", "K", "Space");
  await sleep(500);
  expect(await s.screen()).toContain("A change is still counting down");
  await s.type("q");
  await s.waitFor("the live screen again", (t) => COUNTING.test(t));
}

describe.skipIf(!hasTmux)("the keep key in dualhome demo (tmux, the real executable)", () => {
  it("every key but c leaves the change to revert, and the watchdog reverts it on time", async () => {
    const s = session("others");
    await countingDown(s, "90");
    await everyOtherKey(s);
    expect(await s.screen()).toMatch(COUNTING);
    const reverted = await s.waitFor("the revert by the watchdog", (t) => t.includes(REVERTED), 150_000);
    expect(reverted).not.toContain(KEPT);
    await s.type("q");
    await s.waitForState("#{pane_dead}", "1");
  }, 300_000);

  it("c keeps it: after moving with j/k/g/G/arrows it still counts down; c keeps it and the route stays", async () => {
    const s = session("keep");
    await countingDown(s, "60");
    await s.type("", "j", "k", "g", "G", "Up", "Down");
    expect(await s.screen()).toMatch(COUNTING);
    await s.type("c");
    const kept = await s.waitFor("kept", (t) => t.includes(KEPT));
    expect(kept).not.toMatch(COUNTING);
    expect(kept).toMatch(PINNED);
    await s.type("q");
    await s.waitForState("#{pane_dead}", "1");
  }, 120_000);
});

describe.skipIf(!hasTmux)("the guided fix started during a countdown (tmux, the real executable)", () => {
  async function fixFromCountdown(tag: string, answer: "c" | "n") {
    const dir = mkdtempSync(join(tmpdir(), `dualhome-keep-${tag}-`));
    dirs.push(dir);
    const s = session(tag);
    await countingDown(s, "20", dir);
    const applied = Date.now();
    await s.type("F");
    const asked = await s.waitFor("the question first", (t) => t.includes("A change is still counting down"));
    expect(asked).toMatch(
      /route add 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev int \(\w+\) reverts by itself in \d+ s/,
    );
    await s.type(answer);
    const proof = await acceptEverything(s, /192\.168\.1\.254/);
    expect(proof).toMatch(/proven: 10\.1\.1\.2[01]:5061 connected/);
    await finish(s);
    const name = readdirSync(dir).find((f) => /^dualhome-fix-\d{8}-\d{6}\.txt$/.test(f)) ?? "";
    const summary = readFileSync(join(dir, name), "utf8");
    await s.type("q");
    await s.waitFor("the live screen again", (t) => /Connections\s+\d+/.test(t));
    // Past the deadline of the change made before the fix: whatever its watchdog does is on screen by then.
    while (Date.now() < applied + 25_000) await sleep(500);
    await sleep(2000);
    const after = await s.screen();
    return { s, summary, after };
  }

  it("n reverts it first: the plan pins 10.0.0.0/8 again, the summary says so, and the route stays", async () => {
    const { s, summary, after } = await fixFromCountdown("revert", "n");
    expect(summary).toMatch(
      /Counting down when the fix started\n {2}- reverted before planning: route add 10\.0\.0\.0\/8/,
    );
    expect(summary).toMatch(
      /1\. add 10\.0\.0\.0\/8 via 192\.168\.1\.254 on int \(pinned\): applied and kept/,
    );
    expect(after).not.toContain("was reverted by watchdog");
    expect(after).toMatch(PINNED);
    await s.type("q");
  }, 240_000);

  it("c keeps it first: the plan does not count it as a step, the summary says it was kept, and it stays", async () => {
    const { s, summary, after } = await fixFromCountdown("kept", "c");
    expect(summary).toMatch(
      /- kept before planning: route add 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev int \(\w+\) stays/,
    );
    expect(summary).not.toMatch(/\d\. add 10\.0\.0\.0\/8/);
    expect(after).not.toContain("was reverted by watchdog");
    expect(after).toMatch(PINNED);
    await s.type("q");
  }, 240_000);
});
