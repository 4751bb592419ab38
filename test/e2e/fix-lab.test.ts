// `dualhome fix` for real, in the Linux lab of DESIGN.md §1 built out of network
// namespaces with a unique prefix: run in tmux inside the server namespace, with
// its own state directory and a temporary working directory for the policy file.
// Traffic goes only between the lab's own namespaces.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePolicyText } from "../../src/core/policy.js";
import { canUseNamespaces } from "../kernel/netns-helpers.js";
import { acceptEverything, finish, removeSocket, startIn } from "./fix-drive.js";
import { ensureBuilt, hasTmux, ROOT, TmuxSession } from "./tmux-driver.js";

const can = canUseNamespaces();
const ready = hasTmux && can.ok;
if (!ready)
  console.warn(`fix lab test skipped: ${hasTmux ? (can.ok ? "" : can.reason) : "tmux is not installed"}`);

const PREFIX = `dhf${randomBytes(2).toString("hex")}`;
const SERVER = `${PREFIX}-server`;
const BIN = join(ROOT, "bin", "dualhome.js");
const dir = mkdtempSync(join(tmpdir(), "dualhome-fix-lab-"));
const state = mkdtempSync(join(tmpdir(), "dualhome-fix-state-"));
const s = new TmuxSession(`dualhome-fix-lab-${process.pid}`);
let socket = "";
let labUp = false;

const inServer = (...argv: string[]) =>
  execFileSync("ip", ["netns", "exec", SERVER, ...argv], {
    encoding: "utf8",
    env: { ...process.env, DUALHOME_STATE_DIR: state },
  });

beforeAll(async () => {
  if (!ready) return;
  await ensureBuilt();
  execFileSync(process.execPath, [BIN, "lab", "up", "--prefix", PREFIX], { stdio: "pipe" });
  labUp = true;
  // The server talks to the internal router once (a TCP connect it refuses), as any host
  // on that LAN would have: its address is then in the neighbour table to be suggested.
  inServer(
    process.execPath,
    "-e",
    "const s=require('net').connect({host:'192.168.1.254',port:22});s.on('error',()=>process.exit(0));setTimeout(()=>process.exit(0),3000)",
  );
}, 180_000);

afterAll(async () => {
  await s.kill();
  await s.tmux("kill-server").catch(() => undefined);
  if (socket) removeSocket(socket);
  if (labUp) execFileSync(process.execPath, [BIN, "lab", "down", "--prefix", PREFIX], { stdio: "pipe" });
  rmSync(dir, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

describe.skipIf(!ready)("dualhome fix in the Linux lab (tmux, root, network namespaces)", () => {
  it("Enter on the suggestions, y and k: pinned on eth1, proven from 192.168.1.11 via eth1, policy written here", async () => {
    socket = await startIn(s, dir, [
      "env",
      `DUALHOME_STATE_DIR=${state}`,
      "ip",
      "netns",
      "exec",
      SERVER,
      process.execPath,
      BIN,
      "fix",
    ]);
    const proof = await acceptEverything(s, /192\.168\.1\.254 {2}\(suggested: in eth\d's ARP table/);
    expect(proof).toMatch(
      /proven: 10\.1\.1\.20:5061 connected in \d+ ms from 192\.168\.1\.11 via eth1 \(gateway 192\.168\.1\.254\)/,
    );
    const done = await finish(s);
    expect(done).toContain(`policy file: ${join(dir, "dualhome-policy.yaml")}`);

    // The kernel's own table and the journal agree with the screen.
    const table = execFileSync("ip", ["-n", SERVER, "route", "show"], { encoding: "utf8" });
    expect(table).toMatch(/^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m);
    const journal = JSON.parse(inServer(process.execPath, BIN, "journal", "--json")).entries as {
      status: string;
    }[];
    expect(journal.map((e) => e.status)).toEqual(["kept", "kept", "kept"]);

    const policy = parsePolicyText(
      readFileSync(join(dir, "dualhome-policy.yaml"), "utf8"),
      "dualhome-policy.yaml",
    );
    expect(policy.ok && policy.policy.rules[0]).toMatchObject({
      interface: "eth1",
      gateway: "192.168.1.254",
    });
    const summaryName = readdirSync(dir).find((f) => /^dualhome-fix-.*\.txt$/.test(f)) ?? "";
    const summary = readFileSync(join(dir, summaryName), "utf8");
    expect(summary).toMatch(/OK: 10\.1\.1\.20:5061 connected in \d+ ms from 192\.168\.1\.11 via eth1/);
    expect(summary).toContain("ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1");

    // With the policy written, the next check is clean of wrong-card flows for the internal ranges.
    const check = JSON.parse(
      inServer(process.execPath, BIN, "--policy", join(dir, "dualhome-policy.yaml"), "check", "--json"),
    );
    expect(check.findings.filter((f: { id: string }) => f.id === "wrong-nic-route")).toEqual([]);

    await s.type("q");
    expect(await s.waitForState("#{pane_dead}", "1")).toBe("1");
  }, 180_000);
});
