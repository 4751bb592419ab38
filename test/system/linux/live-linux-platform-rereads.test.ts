// The live Linux platform: what makes it read again (monitor events, the
// re-read cadence, a monitor that cannot start).
import { describe, expect, it } from "vitest";
import {
  IP_ADDR,
  IP_MONITOR,
  IP_ROUTE_TEXT_4,
  IP_ROUTE_TEXT_6,
  IP_RULE_4,
  IP_RULE_6,
  SS_CONNECTED,
} from "../../../src/system/linux/linux-commands.js";
import { ADDR, host, ROUTES4, ROUTES6, RULES, SS } from "./support/live-host.js";

describe("live Linux platform", () => {
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
});
