// The real executable in a real terminal with real card names: Windows' long and
// Japanese defaults and emoji, through the demo's --card-names. At 80x24, 120x40
// and 200x50 no line is wider than the terminal, the borders stand straight, and
// the cell with the card a flow leaves by and the one it should use is whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectStraight } from "../components/frame-checks.js";
import { ensureBuilt, hasTmux, TmuxSession } from "./tmux-driver.js";

const sessions: TmuxSession[] = [];

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  for (const s of sessions) await s.kill();
  await sessions[0]?.killServer();
});

const SIZES: [number, number][] = [
  [80, 24],
  [120, 40],
  [200, 50],
];
const NAMES: [string, string][] = [
  ["Ethernet 2", "イーサネット 2"],
  ["🌐 wan", "🏢 lan"],
];

describe.skipIf(!hasTmux)("card names in a real terminal (tmux)", () => {
  for (const [ext, int] of NAMES)
    for (const [columns, rows] of SIZES)
      it(`${ext} / ${int} at ${columns}x${rows}`, async () => {
        const s = new TmuxSession(`dualhome-width-${columns}-${process.pid}-${Date.now()}`);
        sessions.push(s);
        await s.start(columns, rows, ["node", "bin/dualhome.js", "demo", "--card-names", `${ext},${int}`]);
        const cellText = `${ext}→${int} wrong NIC`;
        const screen = await s.waitFor(`the wrong flow with ${cellText}`, (t) => t.includes(cellText));
        expectStraight(screen, columns, `${columns}x${rows}`);
        expect(screen.split("\n").filter((l) => l.includes("│✗")).length).toBeGreaterThan(0);
        await s.type("q");
        await s.waitGone();
      });
});
