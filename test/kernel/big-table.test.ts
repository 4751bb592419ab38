// 200k routes on a real kernel: snapshot, check --json, analyze of the saved table and
// the live screen all work (they died of "Maximum call stack size exceeded" above about
// 125k rows, and route-not-pinned took minutes: a scan of the table per route).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, TmuxSession } from "../e2e/tmux-driver.js";
import { BIN } from "./lab-helpers.js";
import { canUseNamespaces, delNamespace, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
const NS = uniqueName("dhbig");
const ROUTES = 200_000;
const dir = mkdtempSync(path.join(tmpdir(), "dh-big-"));
const POLICY = path.join(dir, "policy.yaml");
const session = new TmuxSession(`dualhome-big-${process.pid}`);

function inNs(...args: string[]) {
  const r = spawnSync("ip", ["netns", "exec", NS, process.execPath, BIN, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!can.ok)("a table of 200k routes", () => {
  beforeAll(async () => {
    await ensureBuilt();
    execFileSync("ip", ["netns", "add", NS]);
    ipn(NS, "link", "set", "lo", "up");
    ipn(NS, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
    for (const [dev, a] of [
      ["eth0", "192.168.50.10/24"],
      ["eth1", "192.168.50.11/24"],
    ] as const) {
      ipn(NS, "link", "set", dev, "up");
      ipn(NS, "addr", "add", a, "dev", dev);
    }
    const batch = Array.from(
      { length: ROUTES },
      (_, i) => `route add 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 via 192.168.50.1 dev eth0`,
    );
    writeFileSync(path.join(dir, "batch"), `${batch.join("\n")}\n`);
    ipn(NS, "-batch", path.join(dir, "batch"));
    writeFileSync(
      POLICY,
      "rules:\n  - destinations: [10.0.0.0/8]\n    interface: eth1\n    gateway: 192.168.50.1\n",
    );
  }, 120_000);

  afterAll(async () => {
    await session.kill();
    await session.killServer();
    delNamespace(NS);
    rmSync(dir, { recursive: true, force: true });
  });

  it("snapshot prints every route and the findings", () => {
    const r = inNs("--policy", POLICY, "snapshot");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Routes \(200004, local table hidden\)$/m);
    expect(r.stdout).toMatch(/^Findings \(200002\)$/m);
    expect(r.stdout).toContain("fix: ip route add 10.0.0.0/8 via 192.168.50.1 dev eth1");
  }, 120_000);

  it("check --json gives every route", () => {
    const r = inNs("--policy", POLICY, "check", "--json");
    expect(r.code, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.routes.filter((x: { table: string }) => x.table === "main")).toHaveLength(ROUTES + 4);
  }, 120_000);

  it("analyze reads the table saved from the kernel", () => {
    const saved = path.join(dir, "ip-route.txt");
    const table = execFileSync("ip", ["-n", NS, "route", "show", "table", "all"], { maxBuffer: 1 << 30 });
    writeFileSync(saved, table);
    const r = spawnSync(
      process.execPath,
      [BIN, "--policy", POLICY, "analyze", "--platform", "linux", "--ip-route", saved],
      { encoding: "utf8", maxBuffer: 1 << 30 },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Routes \(200004, local table hidden\)$/m);
  }, 120_000);

  it.runIf(hasTmux)(
    "the live screen shows them, and the findings",
    async () => {
      await session.start(160, 45, ["ip", "netns", "exec", NS, process.execPath, BIN, "--policy", POLICY]);
      const screen = await session.waitFor(
        "200016 routes and the findings",
        (s) => /Routes\s+200016/.test(s) && /\+199993 more/.test(s),
        90_000,
      );
      expect(screen).toMatch(/10\.0\.0\.0\/8 leaves eth0 via 192\.168\.50\.1; policy wants eth1/);
      expect(screen).not.toMatch(/no findings/);
    },
    120_000,
  );
});
