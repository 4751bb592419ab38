// A Linux host for the live platform: a fake runner and a fake streamer that
// answer the first poll, a held (or missing) ip monitor, and a clock to move.

import { CommandError } from "../../../../src/system/exec/runner-types.js";
import {
  IP_ADDR,
  IP_MONITOR,
  IP_ROUTE_TEXT_4,
  IP_ROUTE_TEXT_6,
  IP_RULE_4,
  IP_RULE_6,
  SS_CONNECTED,
} from "../../../../src/system/linux/linux-commands.js";
import { createLinuxPlatform } from "../../../../src/system/linux/linux-platform.js";
import type { LivePlatform } from "../../../../src/system/linux/live-linux-platform.js";
import { FakeRunner } from "../../../support/fake-runner.js";
import { FakeStream } from "../../../support/fake-stream.js";

// Hand-written in the form iproute2 6.1 prints (see test/fixtures/linux-captured for real captures).
export const ADDR = JSON.stringify([
  {
    ifindex: 1,
    ifname: "lo",
    flags: ["UP"],
    addr_info: [{ family: "inet", local: "127.0.0.1", prefixlen: 8 }],
  },
  {
    ifindex: 2,
    ifname: "eth0",
    flags: ["UP"],
    addr_info: [{ family: "inet", local: "192.168.1.10", prefixlen: 24 }],
  },
  {
    ifindex: 3,
    ifname: "eth1",
    flags: ["UP"],
    addr_info: [{ family: "inet", local: "192.168.1.11", prefixlen: 24 }],
  },
]);
export const RULES = JSON.stringify([
  { priority: 0, src: "all", table: "local" },
  { priority: 32766, src: "all", table: "main" },
]);
export const ROUTES4 = [
  "default via 192.168.1.1 dev eth0 proto static metric 100 ",
  "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10 ",
  "192.168.1.0/24 dev eth1 proto kernel scope link src 192.168.1.11 ",
  "local 192.168.1.10 dev eth0 table local proto kernel scope host src 192.168.1.10 ",
];
export const ROUTES6 = ["fe80::/64 dev eth0 proto kernel metric 256 pref medium"];
export const SS = [
  "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
  "tcp   ESTAB 0      0      192.168.1.10:443  203.0.113.9:50000",
  "tcp   SYN-SENT 0   1      192.168.1.10:40000 10.1.1.20:5061",
];
const proc = async () => "0\n";

export function host(opts: { isRoot?: boolean; monitor?: "ok" | "missing" } = {}) {
  const runner = new FakeRunner()
    .expect(IP_ADDR, { stdout: ADDR })
    .expect(IP_RULE_4, { stdout: RULES })
    .expect(IP_RULE_6, { stdout: "[]" });
  const stream = new FakeStream()
    .expect(IP_ROUTE_TEXT_4, { lines: ROUTES4 })
    .expect(IP_ROUTE_TEXT_6, { lines: ROUTES6 })
    .expect(SS_CONNECTED, { lines: SS });
  if (opts.monitor === "missing")
    stream.expect(IP_MONITOR, {
      error: new CommandError("ip not found: install iproute2", "not-found", IP_MONITOR),
    });
  else stream.expect(IP_MONITOR, { lines: [], held: true });
  let now = 1_000_000;
  const platform = createLinuxPlatform(runner, {
    stream: stream.spawn,
    readFile: proc,
    hostname: "h",
    isRoot: opts.isRoot ?? false,
    live: { now: () => now, resyncMs: 30_000, sysctlsMs: 5_000, cores: 1 },
  }) as LivePlatform;
  return { runner, stream, platform, advance: (ms: number) => (now += ms) };
}
