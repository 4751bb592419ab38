// Changing routes for real, in the lab of the story (docs/ARCHITECTURE.md, "The story") built out of network
// namespaces with a unique prefix: the CLI runs inside the server namespace,
// with its own state directory, and the kernel's table is read with `ip -n`.
// Nothing here touches the host's own network (`npm run build` first).
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { canUseNamespaces } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`route change kernel tests skipped: ${can.reason}`);

const PREFIX = `dhc${randomBytes(2).toString("hex")}`;
const SERVER = `${PREFIX}-server`;
const BIN = path.resolve("bin/dualhome.js");
const ADD = ["route", "add", "10.0.0.0/8", "--via", "192.168.1.254", "--dev", "eth1", "--yes"];
const PINNED = /^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m;

let state = "";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "ip",
      ["netns", "exec", SERVER, process.execPath, BIN, ...args],
      { env: { ...process.env, DUALHOME_STATE_DIR: state }, timeout: 30_000 },
      (e, stdout, stderr) =>
        resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

const table = () => execFileSync("ip", ["-n", SERVER, "route", "show"], { encoding: "utf8" });
const pinned = () => PINNED.test(table());

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The journal once its first change has settled (the route goes a moment before the revert line is written). */
async function settled(status: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const entries = await journal();
    if (entries[0]?.status === status || Date.now() > deadline) return entries;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function journal(): Promise<
  { id: string; status: string; detail: string; rollbackAt: string | null }[]
> {
  const r = await cli("journal", "--json");
  return JSON.parse(r.stdout).entries;
}

describe.skipIf(!can.ok)("route changes on a real kernel", () => {
  beforeAll(() => {
    if (!existsSync(path.resolve("dist/src/cli.js")))
      throw new Error("run `npm run build` before the kernel tests");
    execFileSync(process.execPath, [BIN, "lab", "up", "--prefix", PREFIX], { stdio: "pipe" });
  });
  afterAll(() => {
    execFileSync(process.execPath, [BIN, "lab", "down", "--prefix", PREFIX], { stdio: "pipe" });
  });
  beforeEach(() => {
    state = mkdtempSync(path.join(tmpdir(), "dh-state-"));
  });
  afterEach(() => {
    // Whatever a failed test left behind, the next one starts without the route.
    if (pinned()) execFileSync("ip", ["-n", SERVER, "route", "del", "10.0.0.0/8"]);
    rmSync(state, { recursive: true, force: true });
  });

  it("--rollback-after: the route is applied, then disappears by itself", async () => {
    const r = await cli(...ADD, "--rollback-after", "2");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/done and verified: 10\.0\.0\.0\/8 is in the table \(journal id [0-9a-f]{8}\)/);
    expect(pinned()).toBe(true);
    await until("the watchdog reverts the route", () => !pinned());
    const [entry] = await settled("reverted");
    expect(entry).toMatchObject({ status: "reverted" });
    expect(entry?.detail).toMatch(/^reverted by watchdog/);
  });

  it("kill -9 of the applying process (and its whole process group): the watchdog still reverts", async () => {
    const child: ChildProcess = spawn(
      "ip",
      ["netns", "exec", SERVER, process.execPath, BIN, ...ADD, "--rollback-after", "3", "--wait"],
      {
        env: { ...process.env, DUALHOME_STATE_DIR: state },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout?.on("data", (d) => {
      out += String(d);
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_c, sig) => resolve(sig)),
    );
    await until("the change is applied", () => out.includes("done and verified"));
    expect(pinned()).toBe(true);
    process.kill(-(child.pid as number), "SIGKILL");
    // Killed, not finished: it was still waiting for a keep when it died.
    expect(await exited).toBe("SIGKILL");
    expect(pinned()).toBe(true);
    await until("the watchdog reverts the route", () => !pinned());
    const [entry] = await settled("reverted");
    expect(entry?.detail).toMatch(/^reverted by watchdog/);
  });

  it("keep keeps: the route is still there after the deadline has passed", async () => {
    const r = await cli(...ADD, "--rollback-after", "2");
    const id = /journal id ([0-9a-f]{8})/.exec(r.stdout)?.[1] ?? "";
    expect(id).not.toBe("");
    const k = await cli("keep", id);
    expect(k.stdout).toBe(`kept ${id}: the change stays\n`);
    expect(k.code).toBe(0);
    const [entry] = await journal();
    const due = Date.parse(entry?.rollbackAt ?? "");
    await until("the deadline passes", () => Date.now() > due + 2_000);
    expect(pinned()).toBe(true);
    expect((await journal())[0]?.status).toBe("kept");
    // And undo takes a kept change back out.
    const u = await cli("undo", "--yes");
    expect(u.code).toBe(0);
    expect(u.stdout).toContain("reverted and verified: 10.0.0.0/8 is gone from the table");
    expect(pinned()).toBe(false);
  });

  it("undo reverts the last change; a deleted route comes back", async () => {
    expect((await cli(...ADD)).code).toBe(0);
    expect(pinned()).toBe(true);
    const d = await cli("route", "del", "10.0.0.0/8", "--yes");
    expect(d.code).toBe(0);
    expect(d.stdout).toContain("ip route del 10.0.0.0/8 via 192.168.1.254 dev eth1");
    expect(pinned()).toBe(false);
    expect((await cli("undo", "--yes")).code).toBe(0);
    expect(pinned()).toBe(true);
    expect((await cli("undo", "--yes")).code).toBe(0);
    expect(pinned()).toBe(false);
    const nothing = await cli("undo", "--yes");
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/^dualhome: nothing to undo/);
  });

  it("bad input changes nothing and says why in one line", async () => {
    const before = table();
    const cases: [string[], RegExp][] = [
      [
        ["--via", "192.168.1.254;reboot", "--dev", "eth1"],
        /gateway "192\.168\.1\.254;reboot" is not an IP address/,
      ],
      [["--via", "192.168.1.254", "--dev", "nosuchcard"], /no card "nosuchcard"/],
    ];
    for (const [opts, why] of cases) {
      const r = await cli("route", "add", "10.0.0.0/8", ...opts, "--yes");
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(why);
    }
    expect(table()).toBe(before);
    expect(await journal()).toEqual([]);
  });
});
