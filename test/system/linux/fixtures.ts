// Reads the Linux captures the parser tests use.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..", "fixtures");

/** A capture from test/fixtures/real/linux/<command>/<file>. */
export function real(path: string): string {
  return readFileSync(join(ROOT, "real", "linux", path), "utf8");
}

/** A capture made for these tests (see test/fixtures/linux-captured/README.md). */
export function captured(name: string): string {
  return readFileSync(join(ROOT, "linux-captured", name), "utf8");
}

export function jsonLength(text: string): number {
  return (JSON.parse(text) as unknown[]).length;
}

export function nonEmptyLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== "");
}
