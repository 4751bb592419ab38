// Changing a route from the TUI in a real terminal: `dualhome demo` driven by
// tmux, f → y → c, and undo, checked on screen as a person would. The demo
// behaves like the Windows server: the stuck SIP call only recovers when its
// retry goes out after the pinned route exists, so the waits are long; they
// bound a hang, they assert no timing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, TmuxSession } from "./tmux-driver.js";

const sessions: TmuxSession[] = [];

function session(tag: string): TmuxSession {
  const s = new TmuxSession(`dualhome-change-${tag}-${process.pid}-${Date.now()}`);
  sessions.push(s);
  return s;
}

const lines = (screen: string) => screen.split("\n");
const stuckFlow = (screen: string) =>
  lines(screen).some((l) =>
    /✗.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061\s+SYN_SENT\s+ext→int\s+wrong NIC/.test(l),
  );
const recovered = (screen: string) =>
  lines(screen).some((l) => /✓.*192\.168\.1\.11:\d+\s+10\.1\.1\.20:5061\s+ESTAB(LISHED)?\s+int\b/.test(l)) &&
  /Connections\s+\d+ · 0 wrong NIC/.test(screen);
const FIX_ARGV = "route add 10.0.0.0 mask 255.0.0.0 192.168.1.254 IF 65540 -p";
const UNDO_ARGV = "route delete 10.0.0.0 mask 255.0.0.0 192.168.1.254";

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  for (const s of sessions) await s.kill();
  await sessions[0]?.killServer();
});

describe.skipIf(!hasTmux)("route changes in dualhome demo, in a real terminal (tmux)", () => {
  it("f → y → c fixes the stuck flow and it recovers on screen; u undoes it and it goes wrong again", async () => {
    const s = session("fix");
    await s.start(130, 40, ["node", "bin/dualhome.js", "demo"]);
    await s.waitFor("the stuck flow marked wrong NIC", stuckFlow);

    await s.type("f");
    const confirm = await s.waitFor("the confirmation with the exact command", (t) => t.includes(FIX_ARGV));
    expect(confirm).toContain("Confirm: route add 10.0.0.0/8 via 192.168.1.254 dev int");
    expect(confirm).toContain("y apply · n or Esc cancel");

    await s.type("y");
    const applied = await s.waitFor(
      "the verified outcome and the countdown",
      (t) =>
        t.includes("done and verified: 10.0.0.0/8 is in the table") &&
        /reverting in \d+ s unless you press c/.test(t),
    );
    expect(applied).not.toContain("Confirm:");

    await s.type("c");
    await s.waitFor("kept", (t) => t.includes("kept: route add 10.0.0.0/8 via 192.168.1.254 dev int stays"));
    const fixed = await s.waitFor(
      "the SIP call to 10.1.1.20 connected from int, no wrong NIC left",
      recovered,
      60_000,
    );
    expect(fixed).not.toMatch(/reverting in \d+ s/);

    await s.type("u");
    const undo = await s.waitFor("the undo confirmation", (t) => t.includes(UNDO_ARGV));
    expect(undo).toContain("Confirm: undo");
    await s.type("y");
    await s.waitFor("the undo verified", (t) =>
      t.includes("reverted and verified: 10.0.0.0/8 is gone from the table"),
    );
    await s.waitFor("the call to 10.1.1.20 stuck on the wrong card again", stuckFlow, 60_000);

    await s.type("q");
    await s.waitGone();
  }, 180_000);

  it("without c, the change reverts by itself when the countdown ends, and the screen says so", async () => {
    const s = session("rollback");
    await s.start(100, 30, ["node", "bin/dualhome.js", "demo", "--rollback-after", "3"]);
    await s.waitFor("the stuck flow marked wrong NIC", stuckFlow);
    await s.type("f");
    await s.waitFor(
      "the confirmation",
      (t) => t.includes(FIX_ARGV) && t.includes("reverts by itself 3 s after"),
    );
    await s.type("y");
    await s.waitFor("the countdown", (t) => /reverting in \d s unless you press c/.test(t));
    const reverted = await s.waitFor("the revert by the watchdog", (t) =>
      t.includes("route add 10.0.0.0/8 via 192.168.1.254 dev int was reverted by watchdog: it is undone"),
    );
    expect(reverted).not.toMatch(/reverting in \d s/);
    // The finding is back with its fix: the route is gone from the table.
    await s.waitFor("the finding back", (t) => /✗ 10\.0\.0\.0\/8 leaves ext via 192\.168\.1\.1/.test(t));
    await s.type("q");
    await s.waitGone();
  }, 90_000);

  it("--read-only: the confirmation says refused; y changes nothing", async () => {
    const s = session("ro");
    await s.start(100, 30, ["node", "bin/dualhome.js", "--read-only", "demo"]);
    await s.waitFor("the stuck flow marked wrong NIC", stuckFlow);
    await s.type("f");
    await s.waitFor("the refusal in the confirmation", (t) =>
      t.includes("REFUSED, nothing will run: read-only"),
    );
    await s.type("y");
    await s.waitFor("the refusal as outcome", (t) => t.includes("✗ read-only: nothing was changed"));
    expect(await s.screen()).not.toContain("reverting in");
    await s.type("q");
    await s.waitGone();
  }, 60_000);
});
