// The baseline of the real-program bench, run inside the bench's namespace:
// `ss -tanH` once a second for <seconds>, its output read and dropped, as an
// operator's one-liner would. Prints the CPU seconds ss took (this process's
// reaped children, from /proc/self/stat) as JSON.
import { readFileSync } from "node:fs";
import { createRunner } from "../src/system/exec/runner.js";

const seconds = Number(process.argv[2] ?? 30);
const runner = createRunner();
const start = Date.now();
for (let i = 0; i < seconds; i++) {
  await runner.run(["ss", "-tanH"], { timeoutMs: 30_000 });
  const wait = start + (i + 1) * 1000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
const text = readFileSync("/proc/self/stat", "utf8");
const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
const ticks = Number(f[16 - 3]) + Number(f[17 - 3]);
console.log(JSON.stringify({ seconds, ss_cpu_s: ticks / 100 }));
