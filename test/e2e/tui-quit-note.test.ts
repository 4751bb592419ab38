// Quitting the screen while a change counts down says how it stands (issue 11,
// item 9), and the demo's fix says where new and retried connections will go
// (issue 15, item 6), in a real terminal: tmux keeps the pane after the process
// exits (remain-on-exit), so what dualhome printed on its way out can be read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, TmuxSession } from "./tmux-driver.js";

const sessions: TmuxSession[] = [];

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  for (const s of sessions) await s.kill();
  await sessions[0]?.killServer();
});

describe.skipIf(!hasTmux)("dualhome demo: the fix's impact, and quitting during the countdown (tmux)", () => {
  it("the confirmation names the new and retried connections; q during the countdown says the demo ends with it", async () => {
    const s = new TmuxSession(`dualhome-quitnote-${process.pid}-${Date.now()}`);
    sessions.push(s);
    await s.start(150, 40, ["node", "bin/dualhome.js", "demo"]);
    await s.tmux("set-option", "-t", s.name, "-w", "remain-on-exit", "on");
    await s.waitFor("the stuck flow", (t) => /✗.*10\.1\.1\.20:5061\s+SYN_SENT/.test(t));
    await s.type("f");
    const confirm = await s.waitFor("the confirmation", (t) => t.includes("y apply"));
    expect(confirm).toContain(
      "new connections to 10.0.0.0/8 will leave by int via 192.168.1.254 (now ext via 192.168.1.1)",
    );
    expect(confirm).toMatch(
      /retried: 192\.168\.1\.10:\d+ -> 10\.1\.1\.20:5061 SYN_SENT is stuck on ext via 192\.168\.1\.1; the service's next try leaves by int/,
    );
    await s.type("y");
    const applied = await s.waitFor("the countdown", (t) => /reverting in \d+ s unless you press c/.test(t));
    // Windows has no documented way to close a connection: the outcome says so instead of offering x.
    expect(applied).toMatch(
      /\d+ connects? stuck in SYN_SENT still waits? on ext until the service tries again/,
    );
    await s.type("x");
    await s.waitFor("x refused with the reason", (t) =>
      t.includes("cannot reset connections here: Windows has no documented command"),
    );
    await s.type("q");
    // The whole note, as it stands once the terminal is back (a capture can land mid-write),
    // read with the scrollback: tmux's "Pane is dead" line scrolls the note's first line off.
    const note =
      /dualhome demo: change \w+ \(route add 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev int\) was still counting down \(it would have reverted at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[^)]*\): the demo ends with it; nothing real was changed/;
    expect(await s.waitForState("#{pane_dead}", "1")).toBe("1");
    const after = await s.waitFor(
      "the note after the screen",
      (t) => note.test(t.replace(/\n/g, "")),
      30_000,
      true,
    );
    expect(after.replace(/\n/g, "")).toMatch(note);
  }, 120_000);
});
