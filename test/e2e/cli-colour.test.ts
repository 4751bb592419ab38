// `check` (and snapshot, analyze) in a real terminal has colour (issue 15 polish):
// errors red, warnings yellow, a clean result green; none with --no-color or
// NO_COLOR, and none in a pipe. tmux keeps the pane after the command exits and
// capture-pane -e shows the colours it drew.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../commands/run-cli.js";
import { ensureBuilt, hasTmux, ROOT, sleep, TmuxSession } from "./tmux-driver.js";

const F = (p: string) => path.join(ROOT, "test/fixtures", p);
const ANALYZE = [
  "--policy",
  F("story/policy.json"),
  "analyze",
  "--platform",
  "windows",
  "--route-print",
  F("story/ws2019-route-print.txt"),
  "--netstat",
  F("story/ws2019-netstat-ano.txt"),
  "--ipconfig",
  F("story/ws2019-ipconfig-all.txt"),
];
const sessions: TmuxSession[] = [];
const ESC = "\x1b";
const COLOUR = new RegExp(`${ESC}\\[3[123]m`);

/** Runs dualhome in a fresh tmux pane and returns what it drew, colours included. */
async function drawn(tag: string, argv: string[]): Promise<string> {
  const s = new TmuxSession(`dualhome-colour-${tag}-${process.pid}-${Date.now()}`);
  sessions.push(s);
  await s.start(200, 60, argv);
  await s.tmux("set-option", "-t", s.name, "-w", "remain-on-exit", "on");
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    const dead = (await s.tmux("display-message", "-p", "-t", s.name, "#{pane_dead}")).stdout.trim();
    if (dead === "1") break;
    await sleep(150);
  }
  return (await s.tmux("capture-pane", "-p", "-e", "-J", "-S", "-200", "-t", s.name)).stdout;
}

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  for (const s of sessions) await s.kill();
  await sessions[0]?.killServer();
});

describe.skipIf(!hasTmux)("colour in a terminal (tmux)", () => {
  it("analyze: ERROR and the wrong flow's XX red; --no-color and NO_COLOR draw none", async () => {
    const coloured = await drawn("on", ["node", "bin/dualhome.js", ...ANALYZE]);
    expect(coloured).toContain(`${ESC}[31mERROR`);
    expect(coloured).toContain(`${ESC}[31mXX`);
    // INFO is not coloured: only what needs acting on stands out.
    expect(coloured).not.toContain(`${ESC}[33mINFO`);
    for (const off of [
      await drawn("flag", ["node", "bin/dualhome.js", "--no-color", ...ANALYZE]),
      await drawn("env", ["env", "NO_COLOR=1", "node", "bin/dualhome.js", ...ANALYZE]),
    ]) {
      expect(off).toContain("ERROR");
      expect(off).not.toMatch(COLOUR);
    }
  }, 90_000);

  it("check on this host draws its verdicts in colour", async () => {
    const out = await drawn("check", ["node", "bin/dualhome.js", "check"]);
    expect(out).toMatch(/Findings/);
    expect(out).toMatch(new RegExp(`${COLOUR.source}(ERROR|WARNING|Findings: none|XX|ok)`));
  }, 60_000);
});

describe("colour marks in-process", () => {
  it("no marks in a pipe (no terminal), marks when the terminal takes colour", async () => {
    const piped = await runCli(ANALYZE);
    expect(piped.stdout).not.toMatch(/[\uE000-\uE00F]/);
    const tty = await runCli(ANALYZE, { color: true });
    expect(tty.stdout).toMatch(/\uE000ERROR/);
    const ascii = await runCli(["--ascii", ...ANALYZE], { color: true });
    expect(ascii.stdout).toMatch(/\uE000ERROR/);
    expect(ascii.stdout).not.toContain("?ERROR");
  });
});
