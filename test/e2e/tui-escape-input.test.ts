// Escape sequences typed or pasted into the live screen (a colour code, a window
// title, a terminal's reply) are no keys: before, Ink 6.8.0's useInput threw a
// TypeError on `ESC[31m` and the screen died, even during a rollback countdown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, TmuxSession } from "./tmux-driver.js";

const s = new TmuxSession(`dualhome-escape-${process.pid}-${Date.now()}`);
const PASTED = ["\x1b[31m", "\x1b]0;owned\x07", "\x1b[1;5P", "\x1b[?25h", "\x1bP1$r\x1b\\", "\x1b[38;5;196m"];

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 120_000);
afterAll(async () => {
  await s.kill();
  await s.killServer();
});

describe.skipIf(!hasTmux)("escape sequences as input", () => {
  it("the screen lives through them during a rollback countdown, and c (the keep key) still keeps the change", async () => {
    await s.start(100, 30, ["node", "bin/dualhome.js", "demo", "--rollback-after", "60"]);
    await s.waitFor("the demo's finding", (t) => /10\.0\.0\.0\/8 leaves ext/.test(t));
    await s.type("f");
    await s.waitFor("the confirmation", (t) => t.includes("reverts by itself 60 s after"));
    await s.type("y");
    await s.waitFor("the countdown", (t) => /reverting in \d+ s unless you press c/.test(t));
    for (const seq of PASTED) await s.type(seq);
    await s.type("c");
    await s.waitFor("kept", (t) => t.includes("kept: route add 10.0.0.0/8 via 192.168.1.254 dev int stays"));
    expect(await s.alive()).toBe(true);
    for (const seq of PASTED) await s.type(seq);
    await s.type("?");
    await s.waitFor("the help screen", (t) => t.includes("dualhome keys"));
    await s.type("x");
    await s.type("q");
    await s.waitGone();
  }, 90_000);
});
