// Keeping is a deliberate act (issue 12): while a change counts down, every key
// of every mode of the live screen (the screen itself, the result box, help,
// the prompts, the add form, the confirmation) leaves it to revert, except c
// on the live screen. The journal says so, not only the banner.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { ChangeRunner } from "../../src/app/change/runner.js";
import { demoChangeRunner } from "../../src/app/change/wiring.js";
import { analyze } from "../../src/core/analyze.js";
import { DEMO_POLICY } from "../../src/system/simulated/demo-host.js";
import { createDemoPlatform } from "../../src/system/simulated/demo-platform.js";
import { type ChangeApp, renderChangeApp } from "./change-app.js";
import { T0 } from "./helpers.js";

afterEach(() => cleanup());

const ESC = "\x1b";
/** Arrows, PgUp/PgDn, Home/End as a terminal sends them; Tab, Enter, Backspace, Ctrl-K, Ctrl-U. */
const NAMED = [
  "\x1b[A",
  "\x1b[B",
  "\x1b[C",
  "\x1b[D",
  "\x1b[5~",
  "\x1b[6~",
  "\x1b[H",
  "\x1b[F",
  "\x1b[1~",
  "\x1b[4~",
];
const CONTROL = ["\t", "\r", "\x7f", "\x0b", "\x15"];
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

interface Counting {
  app: ChangeApp;
  changes: ChangeRunner;
  id: string;
}

/** The demo after f and y: the pinned route counting down, its watchdog never firing. */
async function counting(): Promise<Counting> {
  const platform = createDemoPlatform({ seed: 7, clock: () => T0 });
  const never = () => new Promise<void>(() => {});
  const changes = demoChangeRunner(platform, { readOnly: false, clock: () => T0, sleep: never });
  const a = analyze(await platform.collect(), { policy: DEMO_POLICY, policySource: "demo policy", now: T0 });
  const app = await renderChangeApp({ analysis: a, changes, policy: DEMO_POLICY, columns: 120, rows: 40 });
  await app.type("f");
  await app.until("the confirmation", (s) => s.change.confirm !== null);
  await app.type("y");
  await app.until("the countdown", (s) => s.change.rollbacks.length === 1);
  const id = app.store.getState().change.rollbacks[0]?.id ?? "";
  expect(app.frame()).toContain("reverting in 60 s unless you press c (keep)");
  return { app, changes, id };
}

function stillCounting(c: Counting, after: string): void {
  const status = c.changes.entry(c.id)?.status;
  expect({ after, status, banner: c.app.store.getState().change.rollbacks.length }).toEqual({
    after,
    status: "rollback-pending",
    banner: 1,
  });
}

/** Waits for what a key started (a prepare, a probe) to settle, so its dialog cannot catch the next key. */
async function settled(app: ChangeApp): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  await app.until("idle", (s) => s.change.busy === null);
}

async function closeAll(app: ChangeApp): Promise<void> {
  for (let i = 0; i < 4; i++) {
    const s = app.store.getState();
    if (!s.change.confirm && !s.change.form && !s.prompt && !s.helpOpen && !s.detailOpen) return;
    await app.type(ESC);
    await settled(app);
  }
  throw new Error(`a dialog stays open after Esc:\n${app.frame()}`);
}

async function keptBy(c: Counting, key: string): Promise<void> {
  await c.app.type(key);
  expect(c.changes.entry(c.id)?.status).toBe("kept");
  expect(c.app.frame()).toContain("kept: route add 10.0.0.0/8 via 192.168.1.254 dev int stays");
  expect(c.app.frame()).not.toContain("reverting in");
}

describe("during a countdown only c keeps", () => {
  it("live screen: every other key (moves, g/G, arrows, the commands, every letter) leaves it to revert", async () => {
    const c = await counting();
    // q quits (the watchdog then reverts): it is left out here and not a keep either.
    for (const key of [...NAMED, ...CONTROL, ...PRINTABLE.filter((k) => k !== "c" && k !== "q")]) {
      await c.app.type(key);
      await settled(c.app);
      stillCounting(c, JSON.stringify(key));
      await closeAll(c.app);
    }
    await keptBy(c, "c");
  }, 60_000);

  it("live screen: g and G go to the first and last row, k and j move, none of them keeps", async () => {
    const c = await counting();
    const { app } = c;
    await app.type("\t");
    const pane = app.store.getState().pane;
    await app.type("G");
    const last = app.store.getState().cursor[pane];
    expect(last).toBeGreaterThan(0);
    await app.type("k");
    expect(app.store.getState().cursor[pane]).toBe(last - 1);
    await app.type("g");
    expect(app.store.getState().cursor[pane]).toBe(0);
    await app.type("j");
    expect(app.store.getState().cursor[pane]).toBe(1);
    stillCounting(c, "g G j k");
    await keptBy(c, "c");
  });

  it("confirmation: no key but y runs and none keeps; c is ignored there, n cancels", async () => {
    const c = await counting();
    await c.app.type("u");
    await c.app.until("the undo confirmation", (s) => s.change.confirm !== null);
    for (const key of [...NAMED, ...CONTROL, ...PRINTABLE.filter((k) => !"yYnN".includes(k))]) {
      await c.app.type(key);
      await settled(c.app);
      expect(c.app.store.getState().change.confirm).not.toBeNull();
      stillCounting(c, `confirmation ${JSON.stringify(key)}`);
    }
    await c.app.type("n");
    expect(c.app.frame()).toContain("cancelled: nothing was changed");
    stillCounting(c, "n");
    await keptBy(c, "c");
  }, 60_000);

  it("add form: c and every letter are typed into the field, the card list moves with j/k, nothing keeps", async () => {
    const c = await counting();
    await c.app.type("a");
    await c.app.until("the form", (s) => s.change.form !== null);
    const letters = PRINTABLE.filter((k) => k !== " ").join("");
    await c.app.type(letters);
    expect(c.app.store.getState().change.form?.destination).toBe(letters);
    stillCounting(c, "typing in the destination");
    await c.app.type("\t\t");
    expect(c.app.store.getState().change.form?.focus).toBe("card");
    for (const key of ["j", "k", "c", "g", "G", "1", "2", "\x1b[A", "\x1b[B"]) {
      await c.app.type(key);
      stillCounting(c, `card list ${JSON.stringify(key)}`);
    }
    await c.app.type("\t\t");
    expect(c.app.store.getState().change.form?.focus).toBe("persistent");
    for (const key of ["y", "n", " ", "c", "k"]) {
      await c.app.type(key);
      stillCounting(c, `persistent ${JSON.stringify(key)}`);
    }
    await c.app.type(ESC);
    expect(c.app.store.getState().change.form).toBeNull();
    stillCounting(c, "Esc");
    await keptBy(c, "c");
  }, 60_000);

  it("filter and explain prompts: c, q and every letter are text; Esc leaves it counting", async () => {
    const c = await counting();
    // The probe prompt is the same prompt; this wiring has no probe (it says so instead of opening).
    for (const open of ["/", "e"]) {
      await c.app.type(open);
      expect(c.app.store.getState().prompt).not.toBeNull();
      // e starts from the selected flow: Ctrl-U clears it, as in a shell.
      await c.app.type("\x15");
      await c.app.type(PRINTABLE.join(""));
      expect(c.app.store.getState().prompt?.text).toBe(PRINTABLE.join(""));
      stillCounting(c, `prompt ${open}`);
      await c.app.type(ESC);
      await settled(c.app);
      expect(c.app.store.getState().prompt).toBeNull();
      stillCounting(c, `prompt ${open} Esc`);
    }
    await keptBy(c, "c");
  }, 60_000);

  it("result box and help: moving under an answer does not keep; c closes help without keeping", async () => {
    const c = await counting();
    await c.app.type("e");
    await c.app.type("\x1510.1.1.20\r");
    expect(c.app.frame()).toContain("explain 10.1.1.20");
    for (const key of ["j", "k", "g", "G", "\x1b[A", "\x1b[B", "\r"]) {
      await c.app.type(key);
      stillCounting(c, `answer ${JSON.stringify(key)}`);
    }
    // Enter opened the selected row in full: Esc closes it, then the answer.
    await closeAll(c.app);
    await c.app.type(ESC);
    // In help, k and j page through it (it may be taller than the screen): neither keeps.
    await c.app.type("?");
    await c.app.type("k");
    await c.app.type("j");
    expect(c.app.store.getState().helpOpen).toBe(true);
    stillCounting(c, "help k j");
    await c.app.type(ESC);
    for (const key of ["c", "g", "G", ESC]) {
      await c.app.type("?");
      expect(c.app.frame()).toContain("dualhome keys");
      await c.app.type(key);
      expect(c.app.store.getState().helpOpen).toBe(false);
      stillCounting(c, `help ${JSON.stringify(key)}`);
    }
    await keptBy(c, "c");
  });

  it("? lists c as the keep key, F as the guided fix and g/G as first/last row; the banner names c", async () => {
    const c = await counting();
    expect(c.app.frame()).toMatch(/reverting in 60 s unless you press c \(keep\)/);
    await c.app.type("?");
    const help = c.app.frame();
    expect(help).toMatch(/^\s*c\s+keep \(confirm\) the change counting down/m);
    expect(help).toMatch(/^\s*F\s+the guided fix/m);
    expect(help).toMatch(/^\s*g G Home End\s+first \/ last row/m);
    expect(help).not.toMatch(/^\s*g F\s/m);
  });
});
