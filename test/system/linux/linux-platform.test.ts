// The Linux backend against a fake runner: the exact argv it runs, and parts failing on their own.
import { describe, expect, it } from "vitest";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import { createLinuxPlatform } from "../../../src/system/linux/linux-platform.js";
import { FakeRunner } from "../../support/fake-runner.js";
import { captured } from "./fixtures.js";
import { proc } from "./support/proc-sysctls.js";

const ADDR = ["ip", "-json", "addr", "show"];
const ROUTE4 = ["ip", "-4", "-json", "route", "show", "table", "all"];
const ROUTE6 = ["ip", "-6", "-json", "route", "show", "table", "all"];
const RULE4 = ["ip", "-4", "-json", "rule", "show"];
const RULE6 = ["ip", "-6", "-json", "rule", "show"];

function machine(ss: string[] = ["ss", "-tuan"], ssOut = captured("ss-tuan.txt")) {
  return new FakeRunner()
    .expect(ADDR, { stdout: captured("ip-json-addr.json") })
    .expect(ROUTE4, { stdout: captured("ip-4-json-route-table-all.json") })
    .expect(ROUTE6, { stdout: captured("ip-6-json-route-table-all.json") })
    .expect(RULE4, { stdout: captured("ip-json-rule.json") })
    .expect(RULE6, { stdout: captured("ip-6-json-rule.json") })
    .expect(ss, { stdout: ssOut });
}

describe("createLinuxPlatform().collect", () => {
  it("runs exactly the iproute2 commands and fills every part", async () => {
    const runner = machine();
    const p = createLinuxPlatform(runner, { readFile: proc, hostname: "srv-edge01", isRoot: false });
    expect([p.id, p.os, p.collector]).toEqual(["linux", "linux", "iproute2"]);
    const s = await p.collect();
    runner.assertDone();
    expect(runner.calls).toHaveLength(6);
    expect(s).toMatchObject({
      platform: "linux",
      os: "linux",
      host: "srv-edge01",
      collector: "iproute2",
      privileged: false,
    });
    expect(s.notes).toBeUndefined();
    expect(typeof s.takenAt).toBe("number");
    if (!s.interfaces.ok || !s.routes.ok || !s.rules.ok || !s.connections.ok || !s.sysctls.ok)
      throw new Error("a part failed");
    expect(s.interfaces.value.map((i) => i.name)).toEqual(["lo", "eth2", "eth1"]);
    expect(s.routes.value.filter((r) => r.family === 6).length).toBeGreaterThan(0);
    expect(s.routes.value.find((r) => r.destination === "10.0.0.0/8")).toMatchObject({
      interface: "eth2",
      metric: 10,
    });
    expect(s.rules.value.map((r) => `${r.family}:${r.priority}`)).toContain("6:50");
    expect(s.connections.value.find((c) => c.state === "SYN_SENT")?.remote.address).toBe("10.99.1.1");
    expect(s.sysctls.value.eth2?.rp_filter).toBe(1);
    expect(Object.keys(s.sysctls.value).sort()).toEqual(["all", "eth1", "eth2", "lo"]);
  });

  it("asks ss for processes only as root", async () => {
    const root = machine(["ss", "-tuanp"], captured("ss-tuanp.txt"));
    const s = await createLinuxPlatform(root, { readFile: proc, hostname: "h", isRoot: true }).collect({
      processNames: true,
    });
    root.assertDone();
    expect(s.connections.ok && s.connections.value[0]?.process).toBe("node");

    const user = machine();
    const u = await createLinuxPlatform(user, { readFile: proc, hostname: "h", isRoot: false }).collect({
      processNames: true,
    });
    user.assertDone();
    expect(u.notes).toEqual(["process names need root: run with sudo"]);
  });

  it("each part fails on its own, with the command's message", async () => {
    const runner = new FakeRunner()
      .expect(ADDR, { stdout: captured("ip-json-addr.json") })
      .expect(ROUTE4, { stdout: captured("ip-4-json-route-table-all.json") })
      .expect(
        ROUTE6,
        new CommandError("ip failed: Address family not supported by protocol", "failed", ROUTE6),
      )
      .expect(RULE4, { stdout: '[{"priority":0,' })
      .expect(RULE6, { stdout: "[]" })
      .expect(
        ["ss", "-tuan"],
        new CommandError("ss not found: install iproute2", "not-found", ["ss", "-tuan"]),
      );
    const s = await createLinuxPlatform(runner, { readFile: proc, hostname: "h", isRoot: false }).collect();
    runner.assertDone();
    expect(s.interfaces.ok).toBe(true);
    expect(s.routes).toMatchObject({
      ok: true,
      warnings: ["IPv6: ip failed: Address family not supported by protocol"],
    });
    expect(s.rules).toMatchObject({ ok: false });
    expect(!s.rules.ok && s.rules.error).toMatch(/not valid JSON/);
    expect(s.connections).toEqual({ ok: false, error: "ss not found: install iproute2", warnings: [] });
    expect(s.sysctls.ok).toBe(true);
  });

  it("without ip addr, sysctls still read 'all'; permission errors carry a hint", async () => {
    const failing = new FakeRunner()
      .expect(ADDR, new CommandError("ip needs root: run with sudo", "permission", ADDR))
      .expect(ROUTE4, { stdout: "[]" })
      .expect(ROUTE6, { stdout: "[]" })
      .expect(RULE4, { stdout: "[]" })
      .expect(RULE6, { stdout: "[]" })
      .expect(["ss", "-tuan"], { stdout: "" });
    const s = await createLinuxPlatform(failing, { readFile: proc, hostname: "h", isRoot: false }).collect();
    expect(s.interfaces).toMatchObject({
      ok: false,
      error: "ip needs root: run with sudo",
      hint: "run dualhome with sudo",
    });
    expect(s.sysctls.ok && Object.keys(s.sysctls.value)).toEqual(["all"]);
    failing.assertDone();
  });

  it("a cancelled poll fails its parts instead of rejecting", async () => {
    const ac = new AbortController();
    ac.abort();
    const s = await createLinuxPlatform(machine(), { readFile: proc, hostname: "h", isRoot: false }).collect({
      signal: ac.signal,
    });
    expect(s.routes.ok || s.connections.ok || s.interfaces.ok).toBe(false);
  });
});
