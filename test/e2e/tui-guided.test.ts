// F in the live screen hands the terminal to the guided fix, and q brings the
// live screen back: checked in a real terminal (tmux) on the demo.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, TmuxSession } from "./tmux-driver.js";

const s = new TmuxSession(`dualhome-guided-${process.pid}-${Date.now()}`);

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  await s.kill();
  await s.killServer();
});

describe.skipIf(!hasTmux)("F: from the live screen to the guided fix and back", () => {
  it("opens the guided fix with what it sees, and q returns to the live screen", async () => {
    await s.start(120, 40, ["node", "bin/dualhome.js", "demo"]);
    await s.waitFor("the live screen", (t) => /Connections\s+\d+/.test(t));
    await s.type("F");
    const fix = await s.waitFor(
      "the guided fix",
      (t) => t.includes("dualhome fix") && t.includes("What dualhome sees"),
    );
    expect(fix).toMatch(/flows? leaves? the wrong card/);
    await s.type("q");
    await s.waitFor(
      "the live screen again",
      (t) => /Connections\s+\d+/.test(t) && !t.includes("What dualhome sees"),
    );
    await s.type("q");
    await s.waitGone();
  });
});
