// Reads the real captures and the story files the Windows/macOS tests share.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..", "fixtures");

export function fixture(...parts: string[]): string {
  return readFileSync(join(ROOT, ...parts), "utf8");
}

/** [name, text] of every file in a real-capture directory, e.g. real("windows", "route-print"). */
export function realFiles(os: string, dir: string): [string, string][] {
  const d = join(ROOT, "real", os, dir);
  return readdirSync(d)
    .sort()
    .map((f) => [f, readFileSync(join(d, f), "utf8")] as [string, string]);
}

/** Cut points across a text, for truncation tests without randomness in the data. */
export function lines(text: string): string[] {
  return text.split(/\r?\n|\r/);
}
