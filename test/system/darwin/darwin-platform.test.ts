import { describe, expect, it } from "vitest";
import {
  createDarwinPlatform,
  IFCONFIG,
  NETSTAT_RN,
  NETSTAT_TCP,
  NETSTAT_UDP,
} from "../../../src/system/darwin/darwin-platform.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { fixture } from "../windows/fixtures.js";

const TCP = fixture("real", "darwin", "netstat-anv-p-tcp", "macos26-carl-bench-trimmed.txt");
const UDP =
  "Active Internet connections (including servers)\nProto Recv-Q Send-Q  Local Address          Foreign Address        (state)\nudp4       0      0  192.168.1.20.5353      *.*\n";

describe("darwin platform (read-only)", () => {
  it("runs netstat -rn, ifconfig -a and netstat -anvW for tcp and udp, and offers no route changes", async () => {
    const runner = new FakeRunner()
      .expect(NETSTAT_RN, { stdout: fixture("darwin-ifconfig", "macos-two-nics-netstat-rn.txt") })
      .expect(IFCONFIG, { stdout: fixture("darwin-ifconfig", "macos-two-nics.txt") })
      .expect(NETSTAT_TCP, { stdout: TCP })
      .expect(NETSTAT_UDP, { stdout: UDP });
    const p = createDarwinPlatform(runner, { hostname: "mac", clock: () => 7 });
    expect([p.id, p.os, p.collector, p.changeArgv]).toEqual(["darwin", "darwin", "netstat", undefined]);
    const s = await p.collect();
    runner.assertDone();
    expect(s).toMatchObject({
      platform: "darwin",
      os: "darwin",
      host: "mac",
      takenAt: 7,
      rules: { ok: true, value: [] },
    });
    if (!s.interfaces.ok || !s.routes.ok || !s.connections.ok) throw new Error("a part failed");
    expect(s.interfaces.value.filter((i) => i.addresses.length > 0).map((i) => [i.name, i.index])).toEqual([
      ["lo0", 1],
      ["en0", 14],
      ["en7", 21],
    ]);
    expect(s.routes.value[0]).toMatchObject({
      destination: "0.0.0.0/0",
      gateway: "192.168.1.1",
      interface: "en0",
    });
    expect(s.connections.value).toHaveLength(1);
    expect(s.notes?.join()).toMatch(/3 listening endpoints/);
  });

  it("falls back to -anv once when netstat has no -W", async () => {
    const illegal = { stderr: "netstat: illegal option -- W\nusage: netstat [-AaLlnW] ...", exitCode: 1 };
    const runner = new FakeRunner()
      .expect(NETSTAT_RN, { stdout: "" })
      .expect(IFCONFIG, { stdout: "" })
      .expect(NETSTAT_TCP, illegal)
      .expect(NETSTAT_UDP, illegal)
      .expect(["netstat", "-anv", "-p", "tcp"], { stdout: TCP })
      .expect(["netstat", "-anv", "-p", "udp"], { stdout: UDP })
      .expect(NETSTAT_RN, { stdout: "" })
      .expect(IFCONFIG, { stdout: "" })
      .expect(["netstat", "-anv", "-p", "tcp"], { stdout: TCP })
      .expect(["netstat", "-anv", "-p", "udp"], { stdout: UDP });
    const p = createDarwinPlatform(runner);
    expect((await p.collect()).connections.ok).toBe(true);
    expect((await p.collect()).connections.ok).toBe(true);
    runner.assertDone();
  });
});
