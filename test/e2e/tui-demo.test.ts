import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, TmuxSession } from "./tmux-driver.js";

const sessions: TmuxSession[] = [];

function session(tag: string): TmuxSession {
  const s = new TmuxSession(`dualhome-${tag}-${process.pid}-${Date.now()}`);
  sessions.push(s);
  return s;
}

const lines = (screen: string) => screen.split("\n");
const stuckFlow = (screen: string) =>
  lines(screen).some((l) =>
    /✗.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061\s+SYN_SENT\s+ext→int\s+wrong NIC/.test(l),
  );
// The Connections title, not the key bar, which always lists "w wrong only".
const WRONG_ONLY_TITLE = /Connections .*wrong NIC · wrong only/;
const okRows = (screen: string) => lines(screen).filter((l) => /✓[ *>-] +\d+\.\d+\.\d+\.\d+:\d+/.test(l));

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  for (const s of sessions) await s.kill();
  await sessions[0]?.killServer();
});

describe.skipIf(!hasTmux)(
  "dualhome demo in a real terminal (tmux; skipped only when tmux is not installed)",
  () => {
    it("at 160x45: shows the stuck flow marked wrong NIC; ? w / and q work", async () => {
      const s = session("wide");
      await s.start(160, 45, ["node", "bin/dualhome.js", "demo"]);
      const first = await s.waitFor("the stuck flow to 10.1.1.20:5061 marked wrong NIC", stuckFlow);
      // Side by side: both pane titles on one line.
      expect(lines(first).some((l) => l.includes("Routes") && l.includes("Connections"))).toBe(true);
      expect(first).toContain("srv-edge01");

      await s.type("?");
      const help = await s.waitFor("the help screen", (t) => t.includes("dualhome keys"));
      expect(help).toContain("wrong only");
      await s.type("x");
      await s.waitFor(
        "the panes back after closing help",
        (t) => !t.includes("dualhome keys") && stuckFlow(t),
      );

      await s.type("w");
      const wrong = await s.waitFor(
        "the wrong-only view",
        (t) => WRONG_ONLY_TITLE.test(t) && okRows(t).length === 0,
      );
      expect(stuckFlow(wrong)).toBe(true);
      await s.type("w");
      await s.waitFor("all flows again", (t) => okRows(t).length > 0);

      await s.type("/3389");
      await s.waitFor("the filter on 3389", (t) => /\/3389: 1\b/.test(t) && t.includes("192.168.1.11:3389"));
      await s.type("", "Enter");
      await s.type("q");
      await s.waitGone();
    });

    it("at 80x24: stacked and still usable; q quits", async () => {
      const s = session("narrow");
      await s.start(80, 24, ["node", "bin/dualhome.js", "demo"]);
      const first = await s.waitFor("the stuck flow marked wrong NIC at 80 columns", stuckFlow);
      const routesAt = lines(first).findIndex((l) => l.includes("Routes"));
      const connsAt = lines(first).findIndex((l) => l.includes("Connections"));
      expect(routesAt).toBeGreaterThanOrEqual(0);
      expect(connsAt).toBeGreaterThan(routesAt);
      expect(lines(first).every((l) => l.length <= 80)).toBe(true);

      await s.type("?");
      await s.waitFor("the help screen", (t) => t.includes("dualhome keys") && t.includes("q"));
      await s.type("x");
      await s.type("w");
      await s.waitFor("wrong only", (t) => WRONG_ONLY_TITLE.test(t) && okRows(t).length === 0);
      await s.type("/", "Escape");
      await s.type("q");
      await s.waitGone();
    });

    it("draws live even when the shell exports CI=true (Ink alone would draw nothing until exit)", async () => {
      const s = session("ci");
      await s.start(120, 30, [
        "env",
        "CI=true",
        "CONTINUOUS_INTEGRATION=1",
        "node",
        "bin/dualhome.js",
        "demo",
      ]);
      await s.waitFor("the stuck flow marked wrong NIC under CI=true", stuckFlow);
      await s.type("q");
      await s.waitGone();
    });

    it("Ctrl-C quits too, with the terminal restored (main screen back)", async () => {
      const s = session("ctrlc");
      await s.start(100, 30, ["node", "bin/dualhome.js", "demo"]);
      // Keep the pane after the program ends so its last screen can be read.
      await s.tmux("set-option", "-t", s.name, "remain-on-exit", "on");
      await s.waitFor("the demo running", stuckFlow);
      await s.type("", "C-c");
      // (tmux 3.3 does not always report the exit status of a dead pane, so only its death is checked.)
      expect(await s.waitForState("#{pane_dead}", "1")).toBe("1");
      // The alternate screen is gone: what remains is the terminal's own screen, not the TUI.
      expect(await s.screen()).not.toContain("Connections");
    });
  },
);
