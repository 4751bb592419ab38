// --ssh and audit against real sshd in namespaces the test built: the client runs the
// real executable in its own namespace and reads the hosts' kernels through OpenSSH.
// h1 answers and has a second default gateway; h2 answers, clean; h3 accepts TCP and
// never speaks SSH; h4's host key is not the one known_hosts has.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, TmuxSession } from "../e2e/tmux-driver.js";
import { BIN, cli } from "./lab-helpers.js";
import { canUseNamespaces, ipn } from "./netns-helpers.js";
import { hasSshd, listening, type SshWorld, sshWorld } from "./ssh-hosts.js";

const can = canUseNamespaces();
let world: SshWorld;
const sessions: TmuxSession[] = [];

interface Row {
  host: string;
  reachable: boolean;
  reason: string | null;
  findingIds: string[];
  findings: { error: number; warning: number; info: number };
  firstFix: string | null;
}

/** The `ip monitor` processes running in namespace `ns`. */
function cmdlineOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

function monitorsIn(ns: string): string[] {
  // "pid command", so one monitor can be told from the next.
  const pids = execFileSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).split(/\s+/).filter(Boolean);
  return pids.flatMap((pid) => {
    const cmd = cmdlineOf(pid);
    return cmd.startsWith("ip monitor") ? [`${pid} ${cmd}`] : [];
  });
}

describe.skipIf(!can.ok || !hasSshd())("over OpenSSH: --ssh and audit against real sshd", () => {
  beforeAll(async () => {
    await ensureBuilt();
    world = sshWorld(["sshd", "sshd", "silent", "changed-key"]);
    const h1 = world.hosts[0]?.ns as string;
    // A second card there, on a subnet of its own, with a default route of its own.
    ipn(h1, "link", "add", "uplink2", "type", "veth", "peer", "name", "uplink2p");
    ipn(h1, "addr", "add", "192.168.50.11/24", "dev", "uplink2");
    for (const d of ["uplink2", "uplink2p"]) ipn(h1, "link", "set", d, "up");
    ipn(h1, "route", "add", "default", "via", "192.168.50.1", "dev", "uplink2", "metric", "200");
    await listening(world);
  }, 120_000);

  afterAll(async () => {
    for (const s of sessions) await s.kill();
    await sessions[0]?.killServer();
    world?.stop();
  });

  const inClient = (args: string[]) => cli(world.client, ["--ssh-config", world.config, ...args]);

  it("snapshot --ssh reads the remote kernel, not this one", () => {
    const r = inClient(["--ssh", "h1", "snapshot", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    const names = s.interfaces.map((i: { name: string }) => i.name);
    expect(names).toContain("uplink2");
    expect(names).not.toContain("c1");
    for (const part of ["interfaces", "routes", "rules", "connections", "sysctls"])
      expect(s.parts[part].ok, part).toBe(true);
    expect(s.routes).toContainEqual(
      expect.objectContaining({ destination: "192.168.50.0/24", interface: "uplink2" }),
    );
    // The sysctls came through the batched remote read: the card's own rp_filter is there.
    const check = inClient(["--ssh", "h1", "check"]);
    expect(check.stdout).toMatch(/default/i);
  });

  it("export --ssh --once: the remote host's metrics (its second default gateway, every part up)", () => {
    const r = inClient(["--ssh", "h1", "export", "--once"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^dualhome_default_gateways\{family="ipv4"\} 2$/m);
    for (const part of ["interfaces", "routes", "connections", "sysctls"])
      expect(r.stdout).toMatch(new RegExp(`^dualhome_up\\{part="${part}"\\} 1$`, "m"));
    expect(r.stdout).toMatch(/^dualhome_findings\{id="multiple-default-gateways",severity="warning"\} 1$/m);
  });

  it("audit: one row per host, in order; unreachable ones with the reason; JSON and text", () => {
    const r = inClient(["audit", "h1", "h2", "h3", "h4", "--timeout", "6", "--json"]);
    expect(r.code, r.stderr).toBe(2);
    const rows: Row[] = JSON.parse(r.stdout).hosts;
    expect(rows.map((x) => x.host)).toEqual(["h1", "h2", "h3", "h4"]);
    const [h1, h2, h3, h4] = rows as [Row, Row, Row, Row];
    expect(h1.reachable).toBe(true);
    expect(h1.findingIds).toContain("multiple-default-gateways");
    expect(h2.reachable).toBe(true);
    expect(h2.findingIds).not.toContain("multiple-default-gateways");
    expect(h3.reachable).toBe(false);
    expect(h3.reason).toMatch(/did not answer|no answer within/);
    expect(h4.reachable).toBe(false);
    expect(h4.reason).toMatch(/host key of h4 has changed: refused/);

    const text = inClient(["audit", "h1", "h2", "h3", "h4", "--timeout", "6"]);
    expect(text.stdout).toMatch(/audit: 4 hosts, 2 checked, 2 not reachable/);
    expect(text.stdout).toMatch(/^\s*h4\s.*not reachable: the host key of h4 has changed/m);
    expect(text.stdout).toMatch(/^\s*h1\s.*multiple-default-gateways/m);
  }, 60_000);

  it("audit --hosts FILE: the hosts of a file (comments skipped) and the arguments, each once", () => {
    const file = path.join(world.dir, "pool.txt");
    writeFileSync(file, "# pool A\nh2\n\nh1   # the spare\n");
    const r = inClient(["audit", "h2", "--hosts", file, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const rows: Row[] = JSON.parse(r.stdout).hosts;
    expect(rows.map((x) => [x.host, x.reachable])).toEqual([
      ["h2", true],
      ["h1", true],
    ]);
  }, 60_000);

  it("a change over --ssh is refused before anything runs, naming what works", () => {
    const r = inClient([
      "--ssh",
      "h1",
      "route",
      "add",
      "10.9.0.0/16",
      "--via",
      "192.168.50.1",
      "--dev",
      "uplink2",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/route does not work over --ssh yet/);
    const routes = execFileSync("ip", ["-n", world.hosts[0]?.ns as string, "route"], { encoding: "utf8" });
    expect(routes).not.toMatch(/10\.9\.0\.0/);
  });

  it("probe --ssh connects from the remote host: its card's address, its refusals, no names", () => {
    const ok = inClient(["--ssh", "h1", "probe", "10.77.1.2", "22", "--json"]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ outcome: "connected", port: 22, source: "10.77.1.2" });
    // The SYN leaves h1's eth0 for the client's end, where nothing listens on port 1.
    const refused = inClient(["--ssh", "h1", "probe", "10.77.1.1:1"]);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toMatch(/^10\.77\.1\.1:1 refused .* from 10\.77\.1\.2 via eth0 \(on-link\)/);
    const named = inClient(["--ssh", "h1", "probe", "localhost", "22"]);
    expect(named.code).toBe(1);
    expect(named.stdout).toMatch(/give the address, not a name: h1 would resolve "localhost" itself/);
  });

  it("an unknown host key is refused by ssh, and said so", () => {
    const r = inClient(["--ssh", "h4", "snapshot"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/host key of h4 has changed: refused/);
  });

  it.runIf(hasTmux)(
    "the live screen over --ssh shows the remote host's cards and routes, read-only",
    async () => {
      const s = new TmuxSession(`dualhome-ssh-${process.pid}-${Date.now()}`);
      sessions.push(s);
      await s.start(160, 40, [
        "ip",
        "netns",
        "exec",
        world.client,
        process.execPath,
        BIN,
        "--ssh-config",
        world.config,
        "--ssh",
        "h1",
      ]);
      const screen = await s.waitFor(
        "h1's second card",
        (t) => t.includes("uplink2") && t.includes("192.168.50"),
      );
      expect(screen).not.toMatch(/\bc1\b/);
      // p probes from h1: the SYN leaves h1's eth0, not this namespace's c1.
      await s.type("p", "C-u");
      await s.type("10.77.1.1:1", "Enter");
      await s.waitFor("the probe refused from h1's eth0", (t) =>
        /probe 10\.77\.1\.1:1: refused in \d+ ms from 10\.77\.1\.2 \(eth0\)/.test(t),
      );
      await s.type("", "Escape");
      // a, d, f, u: no change runner over SSH (this machine's journal is not h1's), each says why.
      for (const key of ["a", "d", "f", "u"]) {
        await s.type(key);
        await s.waitFor(`${key} refused`, (x) =>
          x.includes("route changes over --ssh are not supported yet: run dualhome on h1 itself"),
        );
        // Neither the route form nor a confirmation opens, even a moment later.
        await new Promise((r) => setTimeout(r, 400));
        const t = await s.waitFor("the screen", () => true);
        expect(t).not.toMatch(/Enter shows the exact command|y apply|n or Esc closes/);
      }
      // The screen follows h1's kernel through `ip monitor` running there, nothing polled in full.
      const h1 = world.hosts[0]?.ns as string;
      const before = monitorsIn(h1);
      expect(before).toHaveLength(1);
      ipn(h1, "route", "add", "10.88.0.0/16", "via", "192.168.50.1", "dev", "uplink2");
      await s.waitFor("the route added on h1", (t) => t.includes("10.88.0.0/16"));
      // The connection cut on h1's side (its sshd session killed): that monitor ends with it,
      // and the screen goes on over a new connection.
      for (const pid of execFileSync("ip", ["netns", "pids", h1], { encoding: "utf8" }).split(/\s+/))
        if (pid && cmdlineOf(pid).startsWith("sshd: root@notty")) process.kill(Number(pid), "SIGKILL");
      const cut = Date.now() + 10_000;
      while (monitorsIn(h1).some((m) => before.includes(m)) && Date.now() < cut)
        await new Promise((r) => setTimeout(r, 100));
      expect(monitorsIn(h1).filter((m) => before.includes(m))).toEqual([]);
      ipn(h1, "route", "add", "10.89.0.0/16", "via", "192.168.50.1", "dev", "uplink2");
      await s.waitFor("a route added after the cut", (t) => t.includes("10.89.0.0/16"), 60_000);
      await s.type("q");
      await s.waitGone();
      // Its session closed, the monitor there ended with it.
      const deadline = Date.now() + 10_000;
      while (monitorsIn(h1).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(monitorsIn(h1)).toEqual([]);
    },
    90_000,
  );
});
