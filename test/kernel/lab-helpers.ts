// Drives the built CLI inside the lab's namespaces, as a person would.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";

export const BIN = path.resolve(import.meta.dirname, "../../bin/dualhome.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `ip netns exec <ns> node bin/dualhome.js …args` (or on the host when ns is null). */
export function cli(ns: string | null, args: string[], env: Record<string, string> = {}): CliRun {
  const argv = ns
    ? ["ip", "netns", "exec", ns, process.execPath, BIN, ...args]
    : [process.execPath, BIN, ...args];
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Polls until `probe` returns true or the deadline passes; no timing is asserted, only the outcome. */
export async function eventually<T>(
  probe: () => T | null | undefined,
  deadlineMs = 30_000,
  stepMs = 250,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("condition not reached before the deadline");
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export function ssIn(ns: string): string {
  return execFileSync("ip", ["netns", "exec", ns, "ss", "-tan"], { encoding: "utf8" });
}
