// The live Linux platform against a fake runner and a fake streamer: what it
// runs on each poll, what it keeps (the same objects) and what makes it read
// again (monitor events, the re-read cadence, a monitor that cannot start).
import { describe, expect, it } from "vitest";
import { FakeRunner } from "../../../src/system/fake-runner.js";
import { FakeStream } from "../../../src/system/fake-stream.js";
import {
  IP_ADDR,
  IP_MONITOR,
  IP_ROUTE_TEXT_4,
  IP_ROUTE_TEXT_6,
  IP_RULE_4,
  IP_RULE_6,
  SS_CONNECTED,
} from "../../../src/system/linux/linux-commands.js";
import { createLinuxPlatform } from "../../../src/system/linux/linux-platform.js";
import type { LivePlatform } from "../../../src/system/linux/live-linux-platform.js";
import { CommandError } from "../../../src/system/runner-types.js";

// Hand-written in the form iproute2 6.1 prints (see test/fixtures/linux-captured for real captures).
const ADDR = JSON.stringify([
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
const RULES = JSON.stringify([
  { priority: 0, src: "all", table: "local" },
  { priority: 32766, src: "all", table: "main" },
]);
const ROUTES4 = [
  "default via 192.168.1.1 dev eth0 proto static metric 100 ",
  "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10 ",
  "192.168.1.0/24 dev eth1 proto kernel scope link src 192.168.1.11 ",
  "local 192.168.1.10 dev eth0 table local proto kernel scope host src 192.168.1.10 ",
];
const ROUTES6 = ["fe80::/64 dev eth0 proto kernel metric 256 pref medium"];
const SS = [
  "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
  "tcp   ESTAB 0      0      192.168.1.10:443  203.0.113.9:50000",
  "tcp   SYN-SENT 0   1      192.168.1.10:40000 10.1.1.20:5061",
];
const proc = async () => "0\n";

function host(opts: { isRoot?: boolean; monitor?: "ok" | "missing" } = {}) {
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

describe("live Linux platform", () => {
  it("reads everything once, then only the sockets, handing back the same parts", async () => {
    const { runner, stream, platform } = host();
    const first = await platform.collect();
    runner.assertDone();
    stream.assertDone();
    expect(platform.stats.mode).toBe("monitor");
    expect(first.routes.ok && first.routes.value.map((r) => r.destination)).toEqual([
      "0.0.0.0/0",
      "192.168.1.0/24",
      "192.168.1.0/24",
      "192.168.1.10/32",
      "fe80::/64",
    ]);
    stream.expect(SS_CONNECTED, { lines: SS });
    const second = await platform.collect();
    stream.assertDone();
    expect(stream.calls.at(-1)).toEqual(SS_CONNECTED);
    expect(second.routes).toBe(first.routes);
    expect(second.interfaces).toBe(first.interfaces);
    expect(second.rules).toBe(first.rules);
    expect(second.sysctls).toBe(first.sysctls);
    // Unchanged rows are the same Connection objects.
    expect(second.connections.ok && second.connections.value[0]).toBe(
      first.connections.ok && first.connections.value[0],
    );
    await platform.close();
    expect(stream.isOpen(IP_MONITOR)).toBe(false);
  });

  it("applies a route event from the monitor on the next poll, keeping the other routes' objects", async () => {
    const { stream, platform } = host();
    const first = await platform.collect();
    stream.emit(IP_MONITOR, ["[ROUTE]10.0.0.0/8 via 192.168.1.254 dev eth1 proto static metric 10 "]);
    stream.expect(SS_CONNECTED, { lines: SS });
    const second = await platform.collect();
    if (!first.routes.ok || !second.routes.ok) throw new Error("routes failed");
    expect(second.routes.value).not.toBe(first.routes.value);
    expect(second.routes.value.find((r) => r.destination === "10.0.0.0/8")).toMatchObject({
      gateway: "192.168.1.254",
      interface: "eth1",
      metric: 10,
    });
    expect(second.routes.value[0]).toBe(first.routes.value[0]);
    stream.emit(IP_MONITOR, ["[ROUTE]Deleted 10.0.0.0/8 via 192.168.1.254 dev eth1 proto static metric 10 "]);
    stream.expect(SS_CONNECTED, { lines: SS });
    const third = await platform.collect();
    expect(third.routes.ok && third.routes.value.some((r) => r.destination === "10.0.0.0/8")).toBe(false);
    expect(platform.stats.fullReads).toBe(1);
    await platform.close();
  });

  it("re-reads rules on a rule event, cards and routes on a link event", async () => {
    const { runner, stream, platform } = host();
    await platform.collect();
    stream.emit(IP_MONITOR, ["[RULE]32765:\tfrom 192.168.1.11 lookup 100"]);
    runner.expect(IP_RULE_4, { stdout: RULES }).expect(IP_RULE_6, { stdout: "[]" });
    stream.expect(SS_CONNECTED, { lines: SS });
    await platform.collect();
    runner.assertDone();
    stream.emit(IP_MONITOR, [
      "[LINK]3: eth1: <BROADCAST,MULTICAST> mtu 1500 state DOWN",
      "    link/ether 02:00:00:00:00:03",
    ]);
    runner.expect(IP_ADDR, { stdout: ADDR });
    stream
      .expect(IP_ROUTE_TEXT_4, { lines: ROUTES4.slice(0, 2) })
      .expect(IP_ROUTE_TEXT_6, { lines: ROUTES6 })
      .expect(SS_CONNECTED, { lines: SS });
    const after = await platform.collect();
    runner.assertDone();
    stream.assertDone();
    // A small table is re-read within the poll: the routes the kernel dropped silently are gone.
    expect(after.routes.ok && after.routes.value).toHaveLength(3);
    await platform.close();
  });

  it("re-reads the whole table when the safety-net interval has passed", async () => {
    const { stream, platform, advance } = host();
    const first = await platform.collect();
    advance(31_000);
    stream
      .expect(IP_ROUTE_TEXT_4, { lines: ROUTES4 })
      .expect(IP_ROUTE_TEXT_6, { lines: ROUTES6 })
      .expect(SS_CONNECTED, { lines: SS });
    const second = await platform.collect();
    stream.assertDone();
    expect(platform.stats.fullReads).toBe(2);
    // The kernel said the same: the very same array.
    expect(second.routes.ok && first.routes.ok && second.routes.value).toBe(
      first.routes.ok && first.routes.value,
    );
    await platform.close();
  });

  it("without a monitor, every poll reads everything again and says why", async () => {
    const { runner, stream, platform } = host({ monitor: "missing" });
    const first = await platform.collect();
    expect(platform.stats.mode).toBe("poll");
    expect(first.notes?.[0]).toMatch(/ip monitor could not start \(ip not found: install iproute2\)/);
    runner
      .expect(IP_ADDR, { stdout: ADDR })
      .expect(IP_RULE_4, { stdout: RULES })
      .expect(IP_RULE_6, { stdout: "[]" });
    stream
      .expect(IP_ROUTE_TEXT_4, { lines: ROUTES4 })
      .expect(IP_ROUTE_TEXT_6, { lines: ROUTES6 })
      .expect(SS_CONNECTED, { lines: SS });
    const second = await platform.collect();
    runner.assertDone();
    stream.assertDone();
    expect(second.routes).toBe(first.routes);
    await platform.close();
  });

  it("runs polls one after the other, even when a second is asked for before the first ended", async () => {
    const { stream, platform } = host();
    await platform.collect();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    stream.expect(SS_CONNECTED, { lines: SS, gate }).expect(SS_CONNECTED, { lines: SS });
    const a = platform.collect();
    const b = platform.collect();
    await new Promise((r) => setImmediate(r));
    // The second poll has not started its ss while the first is still reading.
    expect(stream.calls.filter((c) => c === SS_CONNECTED || c.join() === SS_CONNECTED.join())).toHaveLength(
      2,
    );
    release();
    const [sa, sb] = await Promise.all([a, b]);
    expect(stream.calls.filter((c) => c.join() === SS_CONNECTED.join())).toHaveLength(3);
    expect(sa.connections.ok && sb.connections.ok).toBe(true);
    await platform.close();
  });
});
