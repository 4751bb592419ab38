// Bottom line: the keys that matter most, as many as fit.
import { Text } from "ink";
import { KEYS, type KeySpec } from "../app/live/keymap.js";
import { cell, type Glyphs } from "./glyphs.js";

/** The keys that change routes: not offered where nothing can be changed (read-only, or no backend). */
const CHANGES = new Set(["add-route", "delete-route", "fix", "undo"]);

function keyBarText(g: Glyphs, width: number, canChange = true): string {
  const items = KEYS.filter(
    (k): k is KeySpec & { bar: number } => k.bar !== undefined && (canChange || !CHANGES.has(k.command)),
  );
  const byPriority = [...items].sort((a, b) => a.bar - b.bar);
  const chosen = new Set<KeySpec>();
  const sep = ` ${g.sep} `;
  let used = 0;
  for (const k of byPriority) {
    const cost = `${k.keys} ${k.label}`.length + (chosen.size > 0 ? sep.length : 0);
    if (used + cost > width) continue;
    chosen.add(k);
    used += cost;
  }
  // Shown in the table's order, quit last, as in the design's screen.
  const ordered = items.filter((k) => chosen.has(k) && k.command !== "quit" && k.command !== "help");
  const tail = items.filter((k) => chosen.has(k) && (k.command === "help" || k.command === "quit"));
  return [...ordered, ...tail].map((k) => `${k.keys} ${k.label}`).join(sep);
}

export function KeyBar({ g, width, canChange }: { g: Glyphs; width: number; canChange: boolean }) {
  return <Text dimColor>{cell(g, keyBarText(g, width, canChange), width)}</Text>;
}
