// The story (docs/ARCHITECTURE.md) for real: in the lab, the SYN to the internal host hangs leaving
// the internet card; check names it wrong-nic with the pinned-route fix; once
// that exact argv runs, probe connects through the internal card.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, eventually, ssIn } from "./lab-helpers.js";
import { canUseNamespaces, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`lab tests skipped: ${can.reason}`);
const POLICY = path.resolve(import.meta.dirname, "../fixtures/lab/policy.yaml");

describe.runIf(can.ok)("the lab story", () => {
  const prefix = uniqueName("dhl");
  const server = `${prefix}-server`;
  beforeAll(() => {
    const up = cli(null, ["lab", "up", "--prefix", prefix]);
    expect(up.code, up.stderr).toBe(0);
  });
  afterAll(() => {
    cli(null, ["lab", "down", "--prefix", prefix]);
  });

  it("lab status says it is up and what to try next", () => {
    const st = cli(null, ["lab", "status", "--prefix", prefix]);
    expect(st.code).toBe(0);
    expect(st.stdout).toContain(`ip netns exec ${server} dualhome`);
  });

  it("check reports the stuck SYN as wrong-nic with the pinned fix, and the fix makes probe connect through eth1", async () => {
    await eventually(() => /SYN-SENT\s.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061/.test(ssIn(server)));
    const check = cli(server, ["check", "--json", "--policy", POLICY]);
    expect(check.code, check.stderr).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.schemaVersion).toBe(1);
    const stuck = report.connections.find(
      (c: { remote: string; state: string }) => c.remote === "10.1.1.20:5061" && c.state === "SYN_SENT",
    );
    expect(stuck).toMatchObject({
      verdict: "wrong-nic",
      egress: { interface: "eth0", gateway: "192.168.1.1" },
      expected: { interface: "eth1", gateway: "192.168.1.254" },
    });
    const finding = report.findings.find(
      (f: { id: string; subject?: string; message: string }) =>
        f.id === "wrong-nic-route" && f.message.includes("10.0.0.0/8"),
    );
    expect(finding).toBeDefined();
    const add = finding.fix.find((f: { action: string }) => f.action === "add");
    expect(add.argv).toEqual(["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"]);

    const before = JSON.parse(
      cli(server, ["probe", "10.1.1.20", "5061", "--timeout", "1500", "--json"]).stdout,
    );
    expect(before).toMatchObject({ outcome: "timeout", source: "192.168.1.10", interface: "eth0" });

    execFileSync("ip", ["netns", "exec", server, ...add.argv]);
    const after = cli(server, ["probe", "10.1.1.20", "5061", "--timeout", "5000", "--json"]);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({
      outcome: "connected",
      source: "192.168.1.11",
      interface: "eth1",
      gateway: "192.168.1.254",
    });
    const explain = JSON.parse(cli(server, ["explain", "10.1.1.20", "--json", "--policy", POLICY]).stdout);
    expect(explain).toMatchObject({ interface: "eth1", gateway: "192.168.1.254", verdict: "ok" });
  });

  it("bad arguments get one clear line and a non-zero exit", () => {
    for (const args of [
      ["explain", "10.1.1.999"],
      ["explain", "10.1.1.20", "--from", "172.31.9.9"],
      ["probe", "10.1.1.20", "70000"],
      ["check", "--policy", "/nonexistent.yaml"],
    ]) {
      const r = cli(server, args);
      expect(r.code, args.join(" ")).toBeGreaterThan(0);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });
});
