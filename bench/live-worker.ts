// Run inside the bench's namespace (`ip netns exec`): the bare commands and our
// poll cycle against the namespace's real kernel, in one process, one run.
// Prints one JSON line.

import { createRunner } from "../src/system/exec/runner.js";
import { spawnStream } from "../src/system/exec/runner-stream.js";
import { createLinuxPlatform } from "../src/system/linux/linux-platform.js";
import type { LivePlatform } from "../src/system/linux/live-linux-platform.js";
import { bareStream, measureCycle, median } from "./cycle.js";
import { naiveCycle } from "./naive.js";

const ticks = Number(process.argv[2] ?? 10);
const naive = process.argv[3] === "naive";
const runner = createRunner();
const BARE = [
  ["ip", "-4", "route", "show", "table", "all"],
  ["ip", "-6", "route", "show", "table", "all"],
  ["ip", "-4", "rule", "show"],
  ["ip", "-6", "rule", "show"],
  ["ip", "addr", "show"],
  ["ss", "-tanH"],
];
const SS_VARIANTS: Record<string, string[][]> = {
  "ss -tanH": [["ss", "-tanH"]],
  "ss -tuanH": [["ss", "-tuanH"]],
  "ss -tuan state connected": [["ss", "-tuan", "state", "connected"]],
  "ss -tanH + ss -uanH state established": [
    ["ss", "-tanH"],
    ["ss", "-uanH", "state", "established"],
  ],
};

const bareAll: number[] = [];
const bareSs: number[] = [];
for (let i = 0; i < 5; i++) {
  let all = 0;
  for (const argv of BARE) {
    const t = await bareStream(spawnStream, argv);
    all += t;
    if (argv[0] === "ss") bareSs.push(t);
  }
  bareAll.push(all);
}
const variants: Record<string, number> = {};
for (const [name, cmds] of Object.entries(SS_VARIANTS)) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await Promise.all(cmds.map((argv) => bareStream(spawnStream, argv)));
    runs.push(performance.now() - t);
  }
  variants[name] = median(runs);
}
const tn = performance.now();
await bareStream(spawnStream, ["ss", "-tuanp", "state", "connected"]);
variants["ss -tuanp state connected (names)"] = performance.now() - tn;

const platform = createLinuxPlatform(runner, {
  stream: spawnStream,
  live: { resyncMs: 1e12 },
}) as LivePlatform;
const figures = await measureCycle({
  platform,
  spawn: spawnStream,
  ticks,
  pauseMs: 50,
  changed: "10.99.0.0/16",
  async changeRoute() {
    await runner.run(["ip", "route", "add", "10.99.0.0/16", "via", "192.168.1.254", "dev", "eth1"]);
  },
});
await platform.close();
const naiveMs = naive ? await naiveCycle(runner, 3) : null;
console.log(
  JSON.stringify({
    ...figures,
    bare_ss_ms: median(bareSs),
    bare_all_ms: median(bareAll),
    ss_variants: variants,
    naive_ms: naiveMs,
  }),
);
