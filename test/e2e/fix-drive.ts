// Drives `dualhome fix` in tmux as a person who takes every suggestion: Enter on
// each question, Enter on the plan, y then c on every step, Enter on the proof.
import { rmSync } from "node:fs";
import { expect } from "vitest";
import type { TmuxSession } from "./tmux-driver.js";

/** Starts `argv` in a new tmux session whose working directory is `cwd`. */
export async function startIn(
  s: TmuxSession,
  cwd: string,
  argv: string[],
  columns = 100,
  rows = 32,
): Promise<string> {
  await s.tmux(
    "new-session",
    "-d",
    "-s",
    s.name,
    "-x",
    String(columns),
    "-y",
    String(rows),
    "-c",
    cwd,
    ...argv,
  );
  // Keep the pane after dualhome exits, to read what it printed last.
  await s.tmux("set-option", "-t", s.name, "remain-on-exit", "on");
  return (await s.tmux("display-message", "-p", "-t", s.name, "#{socket_path}")).stdout.trim();
}

export function removeSocket(path: string): void {
  if (path.includes("dualhome-e2e-")) rmSync(path, { force: true });
}

const question = (n: number) => (t: string) => t.includes(`Question ${n} of 5`);

/** What a person does beyond Enter, y and c: optional plan rows to turn on, and c or n per step. */
export interface Choices {
  /** Optional rows of the plan to turn on, each by a word of its title. */
  turnOn?: RegExp[];
  /** The answer after a step is applied, by the step's title (default c). */
  answer?: (title: string) => "c" | "n";
}

/** Moves the plan's cursor to each wanted optional row and turns it on with Space. */
async function turnOn(s: TmuxSession, plan: string, wanted: RegExp[]): Promise<void> {
  const rows = plan.split("\n").filter((l) => /\[[ x]\] \d+\./.test(l));
  let at = 0;
  for (const re of wanted) {
    const to = rows.findIndex((l) => re.test(l));
    expect(to, `an optional row matching ${re}`).toBeGreaterThanOrEqual(0);
    for (; at < to; at++) await s.type("", "Down");
    await s.type("", "Space");
    await s.waitFor(`row ${to + 1} turned on`, (t) =>
      t.split("\n").some((l) => re.test(l) && l.includes("[x]")),
    );
  }
}

/** From the first look to the proof; returns the proof screen. */
export async function acceptEverything(
  s: TmuxSession,
  gateway: RegExp,
  choices: Choices = {},
): Promise<string> {
  await s.waitFor(
    "what dualhome sees",
    (t) => /leaves? the wrong card/.test(t) && t.includes("Enter: answer 5 questions"),
  );
  await s.type("", "Enter");
  await s.waitFor("question 1 with a suggested card", (t) => question(1)(t) && t.includes("(suggested:"));
  await s.type("", "Enter");
  const q2 = await s.waitFor(
    "question 2 with a suggested gateway",
    (t) => question(2)(t) && t.includes("(suggested:"),
  );
  expect(q2).toMatch(gateway);
  await s.type("", "Enter");
  await s.waitFor(
    "question 3: the ranges",
    (t) => question(3)(t) && t.includes("> 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16"),
  );
  await s.type("", "Enter");
  const q4 = await s.waitFor("question 4: the proof target", question(4));
  // The far end of a stuck SYN: the demo's SIP client calls two of them.
  expect(q4).toMatch(/> 10\.1\.1\.2[01]:5061/);
  await s.type("", "Enter");
  await s.waitFor(
    "question 5: the policy file",
    (t) => question(5)(t) && t.includes("> ./dualhome-policy.yaml"),
  );
  await s.type("", "Enter");
  const plan = await s.waitFor("the plan", (t) => t.includes("The plan ("));
  if (choices.turnOn) await turnOn(s, plan, choices.turnOn);
  await s.type("", "Enter");
  for (let step = 1; ; step++) {
    const t = await s.waitFor(
      `step ${step} to confirm, or the proof`,
      (x) => x.includes("y apply") || x.includes("Enter: write the policy file"),
    );
    if (!t.includes("y apply")) return t;
    expect(t).toContain("dualhome will run:");
    const title = /Step \d+ of \d+: (.*)/.exec(t)?.[1] ?? "";
    await s.type("y");
    await s.waitFor(`step ${step} applied, waiting for c`, (x) => x.includes("c keep it"));
    await s.type(choices.answer?.(title) ?? "c");
    await s.waitFor(`step ${step} kept or reverted`, (x) => !x.includes("c keep it"));
  }
}

/** Enter on the proof: the policy file and the summary are written; returns the last screen. */
export async function finish(s: TmuxSession): Promise<string> {
  await s.type("", "Enter");
  return s.waitFor("the summary written", (t) => t.includes("summary:") && t.includes("Enter or q: exit"));
}
