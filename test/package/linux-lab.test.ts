// The Linux executable inside the lab (the story of docs/ARCHITECTURE.md): `snapshot --json` and
// `explain` give what `node bin/dualhome.js` gives in the same namespace.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, eventually, ssIn } from "../kernel/lab-helpers.js";
import { canUseNamespaces, uniqueName } from "../kernel/netns-helpers.js";
import { LINUX_EXE, releaseSkipReason, runToFiles } from "./release-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`lab tests of the executable skipped: ${can.reason}`);
const skip = releaseSkipReason(LINUX_EXE);
const POLICY = path.resolve(import.meta.dirname, "../fixtures/lab/policy.yaml");

/** The two runs are a second apart: the moment and the lab client's port (it reconnects) may differ. */
function comparable(json: string): unknown {
  const v = JSON.parse(json) as Record<string, unknown>;
  delete v.takenAt;
  return JSON.parse(JSON.stringify(v).replace(/192\.168\.1\.(10|11):\d+/g, "192.168.1.$1:port"));
}

describe.runIf(can.ok && skip === null)("dualhome-linux-x64 in the lab", () => {
  const prefix = uniqueName("dhx");
  const server = `${prefix}-server`;
  const state = mkdtempSync(path.join(tmpdir(), "dh-exe-state-"));
  const exe = (args: string[]) =>
    runToFiles(["ip", "netns", "exec", server, LINUX_EXE, ...args], { DUALHOME_STATE_DIR: state });
  beforeAll(async () => {
    const up = cli(null, ["lab", "up", "--prefix", prefix]);
    expect(up.code, up.stderr).toBe(0);
    await eventually(() => /SYN-SENT\s.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061/.test(ssIn(server)));
  }, 120_000);
  afterAll(() => {
    cli(null, ["lab", "down", "--prefix", prefix]);
    rmSync(state, { recursive: true, force: true });
  });

  it("snapshot --json: the same as node bin/dualhome.js, the stuck SYN among the connections", async () => {
    const args = ["snapshot", "--json", "--policy", POLICY];
    // A reconnect between the two runs can change the table of connections: ask again then.
    const [node, single] = await eventually(() => {
      const a = cli(server, args);
      const b = exe(args);
      return JSON.stringify(comparable(a.stdout)) === JSON.stringify(comparable(b.stdout)) ? [a, b] : null;
    });
    expect(single.code, single.stderr).toBe(node.code);
    const s = JSON.parse(single.stdout);
    expect(s.platform).toBe("linux");
    expect(s.connections).toContainEqual(
      expect.objectContaining({ remote: "10.1.1.20:5061", state: "SYN_SENT", verdict: "wrong-nic" }),
    );
  }, 90_000);

  it("explain: the same text and JSON as node bin/dualhome.js", () => {
    for (const args of [
      ["explain", "10.1.1.20", "--policy", POLICY],
      ["explain", "10.1.1.20", "--json", "--policy", POLICY],
    ]) {
      const node = cli(server, args);
      const single = exe(args);
      expect(single.code, single.stderr).toBe(node.code);
      expect(single.stderr).toBe(node.stderr);
      expect(single.stdout).toBe(node.stdout);
    }
    expect(exe(["explain", "10.1.1.20", "--policy", POLICY]).stdout).toContain("eth0");
  }, 60_000);

  // Last: it changes the lab's table (for three seconds).
  it("route add --rollback-after: the executable starts itself as the watchdog, which reverts the route", async () => {
    const r = exe([
      "route",
      "add",
      "10.0.0.0/8",
      "--via",
      "192.168.1.254",
      "--dev",
      "eth1",
      "--rollback-after",
      "3",
      "--yes",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const routes = () =>
      runToFiles(["ip", "netns", "exec", server, "ip", "route", "show", "10.0.0.0/8"]).stdout;
    const journal = () => readFileSync(path.join(state, "journal.jsonl"), "utf8");
    expect(routes()).toContain("10.0.0.0/8 via 192.168.1.254 dev eth1");
    // The watchdog waits for the deadline: find it by its command line, which names the journal.
    const watchdog = readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map((pid) => {
        try {
          return { pid: Number(pid), argv: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0") };
        } catch {
          return { pid: 0, argv: [] };
        }
      })
      .find((p) => p.argv.includes(path.join(state, "journal.jsonl")));
    expect(watchdog?.argv.slice(0, 2)).toEqual([LINUX_EXE, "__watchdog"]);
    await eventually(() => /"type":"revert".*"by":"watchdog".*"ok":true/.test(journal()), 30_000);
    expect(journal()).toContain(`"pid":${watchdog?.pid}`);
    expect(routes()).toBe("");
  }, 60_000);
});
