// Process names in live mode: `ss -p` only when the poller asks for names (its
// slow cadence), in the background, never two at once, never as a user; the
// names land on the rows of the polls after it finished.
import { describe, expect, it } from "vitest";
import {
  IP_ADDR,
  IP_MONITOR,
  IP_ROUTE_TEXT_4,
  IP_ROUTE_TEXT_6,
  IP_RULE_4,
  IP_RULE_6,
  SS_CONNECTED,
  SS_CONNECTED_PROCESSES,
} from "../../../src/system/linux/linux-commands.js";
import { createLinuxPlatform } from "../../../src/system/linux/linux-platform.js";
import type { LivePlatform } from "../../../src/system/linux/live-linux-platform.js";
import { ProcessNames } from "../../../src/system/linux/process-names.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { FakeStream } from "../../support/fake-stream.js";

// Hand-written rows in the form `ss -tuan[p] state connected` prints them.
const ROW = "tcp   ESTAB 0      0      192.168.1.10:443  203.0.113.9:50000";
const ROW2 = "tcp   ESTAB 0      0      192.168.1.10:443  203.0.113.10:50001";
const NAMED = `${ROW} users:(("nginx",pid=812,fd=7))`;
const settle = () => new Promise((r) => setImmediate(r));

function host(isRoot: boolean) {
  const runner = new FakeRunner()
    .expect(IP_ADDR, { stdout: "[]" })
    .expect(IP_RULE_4, { stdout: "[]" })
    .expect(IP_RULE_6, { stdout: "[]" });
  const stream = new FakeStream()
    .expect(IP_MONITOR, { held: true })
    .expect(IP_ROUTE_TEXT_4, { lines: [] })
    .expect(IP_ROUTE_TEXT_6, { lines: [] });
  const platform = createLinuxPlatform(runner, {
    stream: stream.spawn,
    readFile: async () => "0\n",
    hostname: "h",
    isRoot,
    live: { cores: 1, resyncMs: 1e12 },
  }) as LivePlatform;
  const namesRuns = () => stream.calls.filter((c) => c.join(" ") === SS_CONNECTED_PROCESSES.join(" ")).length;
  return { stream, platform, namesRuns };
}

describe("process names in live mode", () => {
  it("starts ss -p in the background when asked, one at a time, and lays the names on later polls", async () => {
    const { stream, platform, namesRuns } = host(true);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    stream
      .expect(SS_CONNECTED, { lines: [ROW, ROW2] })
      .expect(SS_CONNECTED_PROCESSES, { lines: [NAMED], gate });
    const first = await platform.collect({ processNames: true });
    // The poll did not wait for ss -p.
    expect(first.connections.ok && first.connections.value[0]?.process).toBeNull();
    stream.expect(SS_CONNECTED, { lines: [ROW, ROW2] });
    await platform.collect({ processNames: true });
    expect(namesRuns()).toBe(1);
    release();
    await settle();
    stream.expect(SS_CONNECTED, { lines: [ROW, ROW2] });
    const named = await platform.collect();
    if (!named.connections.ok) throw new Error("ss failed");
    expect(named.connections.value[0]).toMatchObject({ pid: 812, process: "nginx" });
    expect(named.connections.value[1]).toMatchObject({ pid: null, process: null });
    stream.expect(SS_CONNECTED, { lines: [ROW, ROW2] });
    const again = await platform.collect();
    expect(again.connections.ok && again.connections.value[0]).toBe(named.connections.value[0]);
    stream.assertDone();
    await platform.close();
  });

  it("follows the poller's cadence: names only on the polls that ask", async () => {
    const { stream, platform, namesRuns } = host(true);
    for (let poll = 0; poll < 20; poll++) {
      const ask = poll % 10 === 0;
      // The sockets change between the asks (names are asked again only then).
      stream.expect(SS_CONNECTED, { lines: poll < 10 ? [ROW] : [ROW, ROW2] });
      if (ask) stream.expect(SS_CONNECTED_PROCESSES, { lines: [NAMED] });
      await platform.collect({ processNames: ask });
      await settle();
    }
    stream.assertDone();
    expect(namesRuns()).toBe(2);
    expect(platform.stats.namesRuns).toBe(2);
    await platform.close();
  });

  it("asks for names again only when ss printed something else, not because names were laid over the rows", async () => {
    const { stream, platform, namesRuns } = host(true);
    for (let poll = 0; poll < 30; poll++) {
      const ask = poll % 10 === 0;
      stream.expect(SS_CONNECTED, { lines: [ROW] });
      if (poll === 0) stream.expect(SS_CONNECTED_PROCESSES, { lines: [NAMED] });
      const s = await platform.collect({ processNames: ask });
      if (poll > 0) expect(s.connections.ok && s.connections.value[0]?.process).toBe("nginx");
      await settle();
    }
    stream.assertDone();
    expect(namesRuns()).toBe(1);
    await platform.close();
  });

  it("names that come back the same are no new version: no row is named again, the sockets need no new parse", async () => {
    const stream = new FakeStream()
      .expect(SS_CONNECTED_PROCESSES, { lines: [NAMED] })
      .expect(SS_CONNECTED_PROCESSES, { lines: [NAMED] })
      .expect(SS_CONNECTED_PROCESSES, { lines: [ROW] });
    const names = new ProcessNames(stream.spawn, SS_CONNECTED_PROCESSES);
    await names.refresh();
    expect(names.version).toBe(1);
    await names.refresh();
    expect(names.version).toBe(1);
    // The owner went away: that is a change.
    await names.refresh();
    expect(names.version).toBe(2);
    stream.assertDone();
  });

  it("never runs ss -p as a user, and says so", async () => {
    const { stream, platform, namesRuns } = host(false);
    stream.expect(SS_CONNECTED, { lines: [ROW] });
    const s = await platform.collect({ processNames: true });
    expect(namesRuns()).toBe(0);
    expect(s.notes).toContain("process names need root: run with sudo");
    await platform.close();
  });
});
