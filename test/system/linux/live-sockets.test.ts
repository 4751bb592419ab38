// Reading the socket list as two halves at once: the port threshold that halves
// it, and two ss commands whose filters together cover every socket once.
import { describe, expect, it } from "vitest";
import type { Connection } from "../../../src/core/model.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import { SS_CONNECTED } from "../../../src/system/linux/linux-commands.js";
import { LiveSockets, planSplit, splitArgv } from "../../../src/system/linux/live-sockets.js";
import { FakeStream } from "../../support/fake-stream.js";

const flow = (lport: number, rport: number): Connection => ({
  protocol: "tcp",
  family: 4,
  local: { address: "192.168.1.10", port: lport },
  remote: { address: "203.0.113.9", port: rport },
  state: "ESTABLISHED",
  pid: null,
  process: null,
});

describe("planSplit", () => {
  it("splits an inbound server (one local port) by remote port, about evenly", () => {
    const flows = Array.from({ length: 5000 }, (_, i) => flow(443, 30000 + i));
    const s = planSplit(flows);
    expect(s?.by).toBe("dport");
    const below = flows.filter((f) => f.remote.port < (s?.at ?? 0)).length;
    expect(below).toBeGreaterThan(2000);
    expect(below).toBeLessThan(3000);
  });

  it("splits a client (many local ports, one service) by local port", () => {
    expect(planSplit(Array.from({ length: 6000 }, (_, i) => flow(40000 + i, 5061)))?.by).toBe("sport");
  });

  it("does not split small lists, or lists no port can halve", () => {
    expect(planSplit(Array.from({ length: 100 }, (_, i) => flow(40000 + i, 443)))).toBeNull();
    expect(planSplit(Array.from({ length: 5000 }, () => flow(443, 5061)))).toBeNull();
  });

  it("filters that are each other's complement", () => {
    expect(splitArgv({ by: "sport", at: 443 })).toEqual([
      [...SS_CONNECTED, "sport", "<", ":443"],
      [...SS_CONNECTED, "sport", ">=", ":443"],
    ]);
  });
});

describe("LiveSockets", () => {
  const row = (i: number) => `tcp ESTAB 0 0 192.168.1.10:443 203.0.113.9:${30000 + i}`;
  const rows = Array.from({ length: 5000 }, (_, i) => row(i));

  it("reads once with one core, in two halves with two once the list is big", async () => {
    const one = new FakeStream().expect(SS_CONNECTED, { lines: rows }).expect(SS_CONNECTED, { lines: rows });
    const single = new LiveSockets(one.spawn, 1);
    await single.read();
    await single.read();
    one.assertDone();

    const two = new FakeStream().expect(SS_CONNECTED, { lines: rows });
    const split = new LiveSockets(two.spawn, 2);
    const first = await split.read();
    const s = split.currentSplit;
    if (!s) throw new Error("no split planned");
    const [lo, hi] = splitArgv(s);
    two
      .expect(lo as string[], { lines: rows.filter((_, i) => 30000 + i < s.at) })
      .expect(hi as string[], { lines: rows.filter((_, i) => 30000 + i >= s.at) });
    const second = await split.read();
    two.assertDone();
    if (!first.ok || !second.ok) throw new Error("ss failed");
    expect(second.value.map((c) => c.remote.port)).toEqual(first.value.map((c) => c.remote.port));
  });

  it("stops splitting for good when a split read fails", async () => {
    const fake = new FakeStream().expect(SS_CONNECTED, { lines: rows });
    const sockets = new LiveSockets(fake.spawn, 2);
    await sockets.read();
    const s = sockets.currentSplit;
    if (!s) throw new Error("no split planned");
    const [lo, hi] = splitArgv(s);
    fake
      .expect(lo as string[], { error: new CommandError("ss failed: bad filter", "failed", lo as string[]) })
      .expect(hi as string[], { lines: [] });
    expect((await sockets.read()).ok).toBe(false);
    expect(sockets.currentSplit).toBeNull();
    for (let i = 0; i < 12; i++) fake.expect(SS_CONNECTED, { lines: rows });
    for (let i = 0; i < 12; i++) await sockets.read();
    fake.assertDone();
    expect(sockets.currentSplit).toBeNull();
  });

  it("the same output again is the same part, not parsed again; a changed row is a new part", async () => {
    const busy = [...rows.slice(0, -1), `tcp ESTAB 0 1448 192.168.1.10:443 203.0.113.9:${30000 + 4999}`];
    const fake = new FakeStream()
      .expect(SS_CONNECTED, { lines: rows })
      .expect(SS_CONNECTED, { lines: rows })
      .expect(SS_CONNECTED, { lines: busy })
      .expect(SS_CONNECTED, { lines: rows.slice(1) });
    const sockets = new LiveSockets(fake.spawn, 1);
    const first = await sockets.read();
    expect(await sockets.read()).toBe(first);
    // Only the queues moved: other bytes, but the same flows, so the same part.
    expect(await sockets.read()).toBe(first);
    const fewer = await sockets.read();
    expect(fewer).not.toBe(first);
    if (!fewer.ok) throw new Error("ss failed");
    expect(fewer.value).toHaveLength(4999);
    fake.assertDone();
  });
});
