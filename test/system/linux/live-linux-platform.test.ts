// The live Linux platform against a fake runner and a fake streamer: what it
// runs on each poll and what it keeps (the same objects), one poll at a time.
// What makes it read again is in live-linux-platform-rereads.test.ts.
import { describe, expect, it } from "vitest";
import { IP_MONITOR, SS_CONNECTED } from "../../../src/system/linux/linux-commands.js";
import { host, SS } from "./support/live-host.js";

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
