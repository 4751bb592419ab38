// Policy rules that select on protocol and port, in the lab: SIP (tcp 5061) is
// sent to the internal gateway by `ip rule … ipproto tcp dport 5061`, everything
// else keeps the default route. explain (with and without --port) and probe must
// say what `ip route get` says and where the SYN really leaves.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./lab-helpers.js";
import { canUseNamespaces, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`port rule tests skipped: ${can.reason}`);
const POLICY = path.resolve(import.meta.dirname, "../fixtures/lab/policy.yaml");

describe.runIf(can.ok)("ip rules that select on protocol and port, in the lab", () => {
  const prefix = uniqueName("dhp");
  const server = `${prefix}-server`;
  const kernel = (...l4: string[]) => {
    const [r] = JSON.parse(ipn(server, "-j", "route", "get", "10.1.1.20", ...l4)) as Record<string, string>[];
    return { dev: r?.dev, gateway: r?.gateway };
  };
  const explain = (...args: string[]) => {
    const r = cli(server, ["explain", "10.1.1.20", "--json", "--policy", POLICY, ...args]);
    expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
    return JSON.parse(r.stdout);
  };

  beforeAll(() => {
    const up = cli(null, ["lab", "up", "--prefix", prefix]);
    expect(up.code, up.stderr).toBe(0);
    ipn(server, "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1", "table", "150");
    ipn(server, "rule", "add", "ipproto", "tcp", "dport", "5061", "lookup", "150", "pref", "1500");
  });
  afterAll(() => {
    cli(null, ["lab", "down", "--prefix", prefix]);
  });

  it("explain --port 5061 follows the rule to eth1, as ip route get ipproto tcp dport 5061 does", () => {
    expect(kernel("ipproto", "tcp", "dport", "5061")).toEqual({ dev: "eth1", gateway: "192.168.1.254" });
    expect(explain("--port", "5061")).toMatchObject({
      flow: { proto: "tcp", port: 5061 },
      interface: "eth1",
      gateway: "192.168.1.254",
      verdict: "ok",
    });
  });

  it("other ports and plain explain keep the default route, as the kernel does", () => {
    expect(kernel()).toEqual({ dev: "eth0", gateway: "192.168.1.1" });
    expect(explain()).toMatchObject({ flow: null, interface: "eth0", verdict: "wrong-nic" });
    expect(kernel("ipproto", "tcp", "dport", "443")).toEqual({ dev: "eth0", gateway: "192.168.1.1" });
    expect(explain("--port", "443")).toMatchObject({ interface: "eth0", gateway: "192.168.1.1" });
    expect(explain("--port", "5061", "--proto", "udp")).toMatchObject({ interface: "eth0" });
  });

  it("probe to 5061 connects through eth1, and says so", () => {
    const r = cli(server, ["probe", "10.1.1.20", "5061", "--timeout", "5000", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      outcome: "connected",
      interface: "eth1",
      gateway: "192.168.1.254",
    });
  });

  it("the rule is read back with its selectors, not as a rule for all traffic", () => {
    const snap = JSON.parse(cli(server, ["snapshot", "--json"]).stdout);
    const rule = snap.rules.find((x: { priority: number }) => x.priority === 1500);
    expect(rule).toMatchObject({ ipproto: 6, dport: [5061, 5061], table: "150" });
    expect(snap.parts.rules).toEqual({ ok: true, warnings: [] });
    expect(execFileSync("ip", ["-n", server, "rule"], { encoding: "utf8" })).toMatch(
      /ipproto tcp dport 5061/,
    );
  });

  it("--proto without --port, or a port out of range, is one clear line", () => {
    for (const args of [
      ["--proto", "udp"],
      ["--port", "0"],
      ["--port", "5061", "--proto", "icmp"],
    ]) {
      const r = cli(server, ["explain", "10.1.1.20", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
