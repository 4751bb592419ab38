// `dualhome analyze`: the story of the story (docs/ARCHITECTURE.md, "The story") as Server 2003 and Server 2019
// outputs gives the wrong-nic verdicts, ok for RDP and the internet, and the
// pinned fix; one file alone works; two default gateways are found.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const F = (p: string) => path.resolve(import.meta.dirname, "../fixtures", p);
const POLICY = F("story/policy.json");

interface Conn {
  local: string;
  remote: string;
  state: string;
  verdict: string;
  egress: { interface: string | null };
}

async function analyzeJson(args: string[]) {
  const r = await runCli(["--policy", POLICY, "analyze", "--json", ...args]);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) : null };
}

function verdictOf(conns: Conn[], remote: string): string | undefined {
  return conns.find((c) => c.remote === remote)?.verdict;
}

describe("analyze the story", () => {
  it.each([
    ["Server 2003", "ws2003", "65540", false, "weak"],
    ["Server 2019", "ws2019", "14", true, "strong"],
  ])("%s classic outputs", async (_name, tag, idx, hasPersistentPinned, hostModel) => {
    const r = await analyzeJson([
      "--platform",
      "windows",
      "--route-print",
      F(`story/${tag}-route-print.txt`),
      "--netstat",
      F(`story/${tag}-netstat-ano.txt`),
      "--ipconfig",
      F(`story/${tag}-ipconfig-all.txt`),
    ]);
    expect(r.code, r.stderr).toBe(1);
    // XP/2003 were weak host; Vista/2008 and later strong host (docs/ARCHITECTURE.md, "Intent and policy").
    expect(r.json.hostModel).toBe(hostModel);
    const conns = r.json.connections as Conn[];
    expect(verdictOf(conns, "10.1.1.20:5061")).toBe("wrong-nic");
    expect(verdictOf(conns, "192.168.1.50:52001")).toBe("ok");
    expect(verdictOf(conns, "203.0.113.9:51812")).toBe("ok");
    const fix = r.json.findings.find(
      (f: { id: string; message: string }) =>
        f.id === "wrong-nic-route" && f.message.startsWith("10.0.0.0/8"),
    );
    expect(fix.fix[0].argv).toEqual([
      "route",
      "add",
      "10.0.0.0",
      "mask",
      "255.0.0.0",
      "192.168.1.254",
      "IF",
      idx,
      "-p",
    ]);
    // A persistent route pinned by index (route -p) is one a reboot or driver reinstall can strand.
    expect(r.json.findings.some((f: { id: string }) => f.id === "unstable-ifindex")).toBe(
      hasPersistentPinned,
    );
  });

  it("Server 2019 PowerShell JSON gives the New-NetRoute form", async () => {
    const r = await analyzeJson([
      "--platform",
      "windows",
      "--ps-routes",
      F("windows-ps/ws2019-get-netroute.json"),
      "--ps-addresses",
      F("windows-ps/ws2019-get-netipaddress.json"),
      "--ps-interfaces",
      F("windows-ps/ws2019-get-netipinterface.json"),
      "--ps-tcp",
      F("windows-ps/ws2019-get-nettcpconnection.json"),
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(verdictOf(r.json.connections, "10.1.1.20:5061")).toBe("wrong-nic");
    const fix = r.json.findings.find(
      (f: { id: string; message: string }) =>
        f.id === "wrong-nic-route" && f.message.startsWith("10.0.0.0/8"),
    );
    const argv: string[] = fix.fix[0].argv;
    expect(argv[0]).toBe("powershell.exe");
    expect(argv.join(" ")).toMatch(
      /New-NetRoute -DestinationPrefix 10\.0\.0\.0\/8 -InterfaceIndex 14 -NextHop 192\.168\.1\.254/,
    );
  });

  it("one file alone works: route print only", async () => {
    const r = await analyzeJson([
      "--platform",
      "windows",
      "--route-print",
      F("story/ws2019-route-print.txt"),
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.json.parts.connections).toMatchObject({ ok: false });
    expect(r.json.parts.connections.error).toMatch(/not given: pass --netstat/);
    expect(r.json.findings.some((f: { id: string }) => f.id === "wrong-nic-route")).toBe(true);
  });

  it("two default gateways on two cards give multiple-default-gateways", async () => {
    const r = await runCli([
      "analyze",
      "--json",
      "--platform",
      "windows",
      "--route-print",
      F("real/windows/route-print/jackpal-multiple-gateways.txt"),
    ]);
    expect([0, 1]).toContain(r.code);
    expect(JSON.parse(r.stdout).findings.map((f: { id: string }) => f.id)).toContain(
      "multiple-default-gateways",
    );
  });

  it("Linux saved outputs", async () => {
    const r = await runCli([
      "analyze",
      "--platform",
      "linux",
      "--ip-route",
      F("real/linux/ip-route/cloudinit-two-defaults.txt"),
      "--json",
    ]);
    expect([0, 1]).toContain(r.code);
    const s = JSON.parse(r.stdout);
    expect(s.platform).toBe("linux");
    expect(s.routes.length).toBeGreaterThan(0);
    expect(s.findings.map((f: { id: string }) => f.id)).toContain("multiple-default-gateways");
  });

  it("bad input: one clear line, non-zero", async () => {
    for (const args of [
      ["analyze", "--platform", "solaris", "--route-print", F("story/ws2019-route-print.txt")],
      ["analyze", "--platform", "windows"],
      ["analyze", "--platform", "windows", "--route-print", "/nonexistent"],
      ["analyze", "--platform", "windows", "--ip-route", F("story/ws2019-route-print.txt")],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
