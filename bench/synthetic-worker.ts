// One synthetic size in a process of its own (so its peak RSS is its own): the
// bench's files stand in for the kernel. Every command of the live platform is
// answered by a real child (`cat` of the file, `tail -f` of a monitor log), so
// the real spawner, streams, parsers and engine run; only the kernel is not asked.
// Prints one JSON line.
import { appendFileSync, writeFileSync } from "node:fs";
import { createRunner } from "../src/system/exec/runner.js";
import { spawnStream } from "../src/system/exec/runner-stream.js";
import type { CommandRunner } from "../src/system/exec/runner-types.js";
import type { StreamSpawner } from "../src/system/exec/stream-types.js";
import {
  IP_ADDR,
  IP_MONITOR,
  IP_ROUTE_TEXT_4,
  IP_ROUTE_TEXT_6,
  IP_RULE_4,
  IP_RULE_6,
  SS_CONNECTED,
  SS_CONNECTED_PROCESSES,
} from "../src/system/linux/linux-commands.js";
import { createLiveLinuxPlatform } from "../src/system/linux/live-linux-platform.js";
import { benchFiles } from "./bench-files.js";
import { bareStream, measureCycle, median } from "./cycle.js";

const [, , dir, ticksText] = process.argv;
if (!dir) throw new Error("usage: synthetic-worker <dir> [ticks]");
const files = benchFiles(dir);
writeFileSync(files.monitor, "");
const key = (argv: readonly string[]) => argv.join(" ");
const streams = new Map<string, string[]>([
  [key(IP_ROUTE_TEXT_4), ["cat", files.routes4]],
  [key(IP_ROUTE_TEXT_6), ["cat", files.routes6]],
  [key(SS_CONNECTED), ["cat", files.ss]],
  [key(SS_CONNECTED_PROCESSES), ["cat", files.ss]],
  [key(IP_MONITOR), ["tail", "-n", "+1", "-f", files.monitor]],
]);
const commands = new Map<string, string[]>([
  [key(IP_ADDR), ["cat", files.addr]],
  [key(IP_RULE_4), ["cat", files.rule4]],
  [key(IP_RULE_6), ["cat", files.rule6]],
]);
const spawn: StreamSpawner = (argv, onLines, opts) => {
  const real = streams.get(key(argv));
  if (!real) throw new Error(`bench: no file for ${key(argv)}`);
  return spawnStream(real, onLines, opts);
};
const real = createRunner();
const runner: CommandRunner = {
  run: (argv, opts) => {
    const cmd = commands.get(key(argv));
    if (!cmd) throw new Error(`bench: no file for ${key(argv)}`);
    return real.run(cmd, opts);
  },
};

// The bare commands: the same bytes read through the same spawner, nothing parsed.
const bareSs: number[] = [];
const bareAll: number[] = [];
for (let i = 0; i < 7; i++) {
  const ss = await bareStream(spawnStream, ["cat", files.ss]);
  let all = ss;
  for (const f of [files.routes4, files.routes6]) all += await bareStream(spawnStream, ["cat", f]);
  for (const f of [files.addr, files.rule4, files.rule6]) {
    const t = performance.now();
    await real.run(["cat", f]);
    all += performance.now() - t;
  }
  bareSs.push(ss);
  bareAll.push(all);
}

const platform = createLiveLinuxPlatform(runner, spawn, {
  readFile: async () => "0\n",
  hostname: "bench",
  isRoot: false,
  resyncMs: 1e12,
  // `cat` cannot filter by port: one ss stand-in per poll.
  cores: 1,
});
const figures = await measureCycle({
  platform,
  spawn,
  ticks: Number(ticksText ?? 10),
  pauseMs: 30,
  changed: "10.99.0.0/16",
  async changeRoute() {
    // The "kernel" learns the route (a later full read finds it) and the monitor announces it.
    const row = "10.99.0.0/16 via 192.168.1.254 dev eth1 proto static metric 5 ";
    appendFileSync(files.routes4, `${row}\n`);
    appendFileSync(files.monitor, `[ROUTE]${row}\n`);
  },
});
await platform.close();
console.log(JSON.stringify({ ...figures, bare_ss_ms: median(bareSs), bare_all_ms: median(bareAll) }));
