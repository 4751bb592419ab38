// Drives a guided fix session as the wizard does (events in, idle between),
// with the files it writes kept in memory.
import { expect } from "vitest";
import type { FixSession } from "../../../src/app/fix/session.js";

export function memFiles() {
  const written = new Map<string, string>();
  return {
    written,
    async write(path: string, text: string) {
      const abs = path.replace(/^\.\//, "/work/");
      const backup = written.has(abs) ? `${abs}.bak` : null;
      written.set(abs, text);
      return { path: abs, backup };
    },
    beside: (file: string, name: string) => `${file.replace(/^\.\//, "/work/").replace(/[^/]*$/, "")}${name}`,
  };
}

export const phase = (s: FixSession) => s.store.getState().phase.kind;

export async function send(s: FixSession, ...events: Parameters<FixSession["send"]>[0][]) {
  for (const e of events) {
    s.send(e);
    await s.idle();
  }
}

/** Enter on every suggestion, then Enter on the plan. */
export async function acceptSuggestions(s: FixSession) {
  s.start();
  await s.idle();
  expect(phase(s)).toBe("observed");
  await send(s, { type: "next" });
  await send(s, { type: "choose", value: s.store.getState().suggestions.cards[0]?.value ?? "" });
  await send(s, { type: "choose", value: s.store.getState().suggestions.gateways[0]?.value ?? "" });
  await send(s, { type: "submit" }, { type: "submit" }, { type: "submit" });
  expect(phase(s)).toBe("plan");
}

/** y then c on every step; returns the argv the confirmations showed. */
export async function applyAll(s: FixSession, answer: (i: number) => "c" | "n" = () => "c") {
  const shown: string[][] = [];
  while (phase(s) === "confirm") {
    const p = s.store.getState().phase;
    if (p.kind !== "confirm") break;
    shown.push(...p.view.argv);
    await send(s, { type: "confirm", yes: true });
    if (phase(s) === "keep") {
      (answer(p.step) === "c" ? s.keep : s.revert)();
      await s.idle();
    }
  }
  return shown;
}

export async function until(s: FixSession, ok: () => boolean, deadlineMs = 15_000) {
  const end = Date.now() + deadlineMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`gave up in phase ${phase(s)}`);
    await new Promise((r) => setTimeout(r, 100));
    s.tick();
    await s.idle();
  }
}
