// The live Linux platform on a real kernel: a namespace of the test's own with a
// veth pair whose two ends (eth0, eth1) both stay inside it. `ip monitor` must
// bring a route added there into the next polls, unchanged polls must hand back
// the very same route array, and close() must end the monitor.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Route, Snapshot } from "../../src/core/model.js";
import { createRunner } from "../../src/system/exec/runner.js";
import { spawnStream } from "../../src/system/exec/runner-stream.js";
import { prefixedSpawner } from "../../src/system/exec/stream-types.js";
import { createLinuxPlatform } from "../../src/system/linux/linux-platform.js";
import type { LivePlatform } from "../../src/system/linux/live-linux-platform.js";
import { inNamespace } from "../support/netns-runner.js";
import { canUseNamespaces, delNamespace, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`live platform kernel tests skipped: ${can.reason}`);

const NS = uniqueName("dhlive");
const pids = () => execFileSync("ip", ["netns", "pids", NS], { encoding: "utf8" }).trim();
const routesOf = (s: Snapshot): Route[] => {
  if (!s.routes.ok) throw new Error(s.routes.error);
  return s.routes.value;
};

async function pollUntil(p: LivePlatform, ok: (s: Snapshot) => boolean, what: string): Promise<Snapshot> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const s = await p.collect();
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!can.ok)("live Linux platform in a test namespace", () => {
  let platform: LivePlatform;

  beforeAll(() => {
    execFileSync("ip", ["netns", "add", NS]);
    ipn(NS, "link", "set", "lo", "up");
    ipn(NS, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
    ipn(NS, "addr", "add", "192.168.1.10/24", "dev", "eth0");
    ipn(NS, "addr", "add", "192.168.1.11/24", "dev", "eth1");
    ipn(NS, "link", "set", "eth0", "up");
    ipn(NS, "link", "set", "eth1", "up");
    ipn(NS, "route", "add", "default", "via", "192.168.1.1", "dev", "eth0");
    platform = createLinuxPlatform(inNamespace(createRunner(), NS), {
      stream: prefixedSpawner(spawnStream, ["ip", "netns", "exec", NS]),
      isRoot: true,
      hostname: "t",
    }) as LivePlatform;
  });

  afterAll(async () => {
    await platform?.close();
    delNamespace(NS);
  });

  it("hands back the same route array while nothing changes, and picks up a route added", async () => {
    const first = await platform.collect();
    expect(platform.stats.mode).toBe("monitor");
    expect(routesOf(first).some((r) => r.destination === "0.0.0.0/0" && r.gateway === "192.168.1.1")).toBe(
      true,
    );
    const second = await platform.collect();
    expect(routesOf(second)).toBe(routesOf(first));

    ipn(NS, "route", "add", "10.50.0.0/16", "via", "192.168.1.254", "dev", "eth1");
    const after = await pollUntil(
      platform,
      (s) => routesOf(s).some((r) => r.destination === "10.50.0.0/16"),
      "10.50.0.0/16 to show",
    );
    expect(routesOf(after).find((r) => r.destination === "10.50.0.0/16")).toMatchObject({
      gateway: "192.168.1.254",
      interface: "eth1",
      table: "main",
    });
    // The routes that did not change are the same objects.
    const def = routesOf(first).find((r) => r.destination === "0.0.0.0/0");
    expect(routesOf(after)).toContain(def);
    expect(platform.stats.fullReads).toBe(1);

    ipn(NS, "route", "del", "10.50.0.0/16");
    await pollUntil(
      platform,
      (s) => !routesOf(s).some((r) => r.destination === "10.50.0.0/16"),
      "10.50/16 to go",
    );
  });

  it("routesOf reads one prefix from the kernel at once, in the table asked, whatever the monitor has seen", async () => {
    const read = platform.routesOf;
    if (!read) throw new Error("the live platform has no routesOf");
    ipn(NS, "route", "add", "10.60.0.0/16", "via", "192.168.1.254", "dev", "eth1", "metric", "7");
    ipn(NS, "route", "add", "10.60.0.0/16", "via", "192.168.1.1", "dev", "eth0", "table", "100");
    ipn(NS, "-6", "route", "add", "2001:db8:60::/48", "dev", "eth1");
    const main = await read("10.60.0.0/16", "main");
    if (!main.ok) throw new Error(main.error);
    expect(main.value).toEqual([
      expect.objectContaining({
        destination: "10.60.0.0/16",
        gateway: "192.168.1.254",
        interface: "eth1",
        metric: 7,
        table: "main",
      }),
    ]);
    const t100 = await read("10.60.0.0/16", "100");
    expect(t100.ok && t100.value.map((r) => [r.gateway, r.table])).toEqual([["192.168.1.1", "100"]]);
    const v6 = await read("2001:db8:60::/48", "main");
    expect(v6.ok && v6.value.map((r) => [r.destination, r.interface])).toEqual([
      ["2001:db8:60::/48", "eth1"],
    ]);
    // A covering prefix is not the prefix: exact, not match.
    const wider = await read("10.0.0.0/8", "main");
    expect(wider.ok && wider.value).toEqual([]);
    ipn(NS, "route", "del", "10.60.0.0/16", "table", "main");
    const gone = await read("10.60.0.0/16", "main");
    expect(gone.ok && gone.value).toEqual([]);
    const bad = await read("10.60.0.0/16; reboot", "main");
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining("is not a prefix") });
  });

  it("close() ends the monitor", async () => {
    await platform.collect();
    expect(pids()).not.toBe("");
    await platform.close();
    const deadline = Date.now() + 10_000;
    while (pids() !== "" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(pids()).toBe("");
  });
});
