// The real executable in a real terminal rewrites only the lines a key press
// changed (components/ink-log.ts), and what it leaves on screen is what a fresh
// start draws: after key presses, after the terminal shrinks and grows, with long
// Windows card names. Bytes are read from outside through a tmux control client,
// screens with capture-pane. No timing asserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, sleep, TmuxSession } from "./tmux-driver.js";
import { PaneOutput } from "./tmux-output.js";

const sessions: TmuxSession[] = [];
const clients: PaneOutput[] = [];

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of sessions) await s.kill();
  await sessions[0]?.killServer();
});

// An hour between polls: nothing but the keys changes the screen.
const DEMO = [
  "node",
  "bin/dualhome.js",
  "demo",
  "--interval",
  "3600000",
  "--card-names",
  "Ethernet 2,イーサネット 2",
];

async function demo(tag: string, columns: number, rows: number): Promise<TmuxSession> {
  const s = new TmuxSession(`dualhome-frames-${tag}-${process.pid}-${Date.now()}`);
  sessions.push(s);
  await s.start(columns, rows, DEMO);
  await s.waitFor("the first poll", (t) => / live /.test(t) && /Connections\s+[1-9]/.test(t));
  return s;
}

async function selectedLine(s: TmuxSession): Promise<number> {
  const r = await s.tmux("capture-pane", "-p", "-e", "-t", s.name);
  return r.stdout.split("\n").findIndex((l) => l.includes("\u001b[7m"));
}

async function press(s: TmuxSession, key: string): Promise<void> {
  const before = await selectedLine(s);
  await s.type("", key);
  for (let i = 0; i < 100 && (await selectedLine(s)) === before; i++) await sleep(50);
  // Whatever else the press draws has been written by now.
  await sleep(300);
}

describe.skipIf(!hasTmux)("frames of the live screen in a real terminal (tmux)", () => {
  it("a key press writes the changed rows, not the whole 200x50 frame", async () => {
    const s = await demo("bytes", 200, 50);
    const out = new PaneOutput(s.socket, s.name);
    clients.push(out);
    await sleep(1000);
    const screenBytes = Buffer.byteLength((await s.tmux("capture-pane", "-p", "-e", "-t", s.name)).stdout);
    out.reset();
    await press(s, "j");
    const afterJ = out.bytes;
    out.reset();
    await press(s, "k");
    // Each press moved the selection (something was written), and what was written is a
    // small part of the screen: the two rows whose selection changed and the counter.
    // Drawn whole, as Ink's standard log does, a press writes at least the screen's bytes.
    for (const bytes of [afterJ, out.bytes]) {
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(screenBytes / 4);
    }
  }, 60_000);

  it("after presses, a shrink and a grow, the screen is the one a fresh start draws", async () => {
    const s = await demo("resized", 200, 50);
    for (const key of ["j", "j", "j"]) await press(s, key);
    await s.tmux("resize-window", "-t", s.name, "-x", "80", "-y", "24");
    await sleep(700);
    await press(s, "k");
    await s.tmux("resize-window", "-t", s.name, "-x", "120", "-y", "40");
    await sleep(700);
    const resized = await s.screen();

    const fresh = await demo("fresh", 120, 40);
    for (const key of ["j", "j"]) await press(fresh, key);
    expect(resized).toBe(await fresh.screen());
  }, 90_000);
});
