// The cycle as it was before live mode: every command re-run and re-parsed
// (JSON routes), the index rebuilt and every flow classified, on every poll.
import { analyze } from "../src/core/analyze.js";
import type { CommandRunner } from "../src/system/exec/runner-types.js";
import { createLinuxPlatform } from "../src/system/linux/linux-platform.js";
import { median } from "./cycle.js";

export async function naiveCycle(runner: CommandRunner, runs: number): Promise<number> {
  const platform = createLinuxPlatform(runner);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const snap = await platform.collect();
    analyze(snap, { policy: null, now: Date.now(), firstSeen: new Map() });
    times.push(performance.now() - t);
  }
  return median(times);
}
