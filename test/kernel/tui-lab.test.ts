// The whole cycle from the TUI on a real kernel: the live screen runs inside the
// lab's server namespace in tmux; f → y → c pins the route, `p` proves the call
// now connects through eth1, u takes it out again; and a change the operator
// walks away from (the TUI quit) is reverted by the detached watchdog.
// Only lab namespaces are touched; traffic goes only to lab hosts.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, ROOT, TmuxSession } from "../e2e/tmux-driver.js";
import { canUseNamespaces } from "./netns-helpers.js";

const can = canUseNamespaces();
// A fix made from the TUI is persistent; with NetworkManager on the host, nmcli (which sees the
// host's devices, not the lab's) could be asked to save it to a host connection of the same name.
const nmcli = (process.env.PATH ?? "").split(":").some((d) => existsSync(path.join(d, "nmcli")));
const why = !can.ok ? can.reason : !hasTmux ? "tmux is not installed" : nmcli ? "nmcli is installed" : null;
if (why) console.warn(`TUI lab tests skipped: ${why}`);

const PREFIX = `dht${randomBytes(2).toString("hex")}`;
const SERVER = `${PREFIX}-server`;
const POLICY = path.join(ROOT, "test/fixtures/lab/policy.yaml");
const BIN = path.join(ROOT, "bin/dualhome.js");
const PINNED = /^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m;
const pinned = () => PINNED.test(execFileSync("ip", ["-n", SERVER, "route", "show"], { encoding: "utf8" }));
const stuck = (t: string) => /✗.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061\s+SYN_SENT/.test(t);
const ADD = "ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1";

let state = "";
const sessions: TmuxSession[] = [];

const tableWrong = (t: string) =>
  /✗ 10\.0\.0\.0\/8 leaves eth0 via 192\.168\.1\.1; policy wants eth1/.test(t);

async function tui(
  tag: string,
  ready: (screen: string) => boolean,
  ...extra: string[]
): Promise<TmuxSession> {
  const s = new TmuxSession(`dualhome-lab-${tag}-${process.pid}-${Date.now()}`);
  sessions.push(s);
  const env = ["env", `DUALHOME_STATE_DIR=${state}`];
  await s.start(140, 40, [
    ...env,
    "ip",
    "netns",
    "exec",
    SERVER,
    process.execPath,
    BIN,
    "--policy",
    POLICY,
    ...extra,
  ]);
  await s.waitFor("the screen ready", ready, 60_000);
  return s;
}

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe.skipIf(why !== null)("the TUI changing routes in the lab (real kernel, tmux)", () => {
  beforeAll(async () => {
    await ensureBuilt();
    execFileSync(process.execPath, [BIN, "lab", "up", "--prefix", PREFIX], { stdio: "pipe" });
    state = mkdtempSync(path.join(tmpdir(), "dh-tui-state-"));
  }, 180_000);

  afterAll(async () => {
    for (const s of sessions) await s.kill();
    await sessions[0]?.killServer();
    execFileSync(process.execPath, [BIN, "lab", "down", "--prefix", PREFIX], { stdio: "pipe" });
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it("f → y → c pins the route; p connects through eth1; u removes it", async () => {
    const s = await tui("cycle", (t) => stuck(t) && tableWrong(t));
    await s.type("f");
    const confirm = await s.waitFor("the confirmation with the exact command", (t) => t.includes(ADD));
    expect(confirm).toContain("impact: 1 live connection would move");
    await s.type("y");
    await s.waitFor("verified", (t) => t.includes("done and verified: 10.0.0.0/8 is in the table"));
    expect(pinned()).toBe(true);
    await s.type("c");
    await s.waitFor("kept", (t) => t.includes("kept: route add 10.0.0.0/8 via 192.168.1.254 dev eth1 stays"));

    // p starts from the selected flow: Ctrl-U clears it, as in a shell.
    await s.type("p", "C-u");
    await s.type("10.1.1.20:5061", "Enter");
    await s.waitFor("the probe connected from eth1", (t) =>
      /probe 10\.1\.1\.20:5061: connected in \d+ ms from 192\.168\.1\.11:\d+ \(eth1\)/.test(t),
    );
    await s.type("", "Escape");

    await s.type("u");
    await s.waitFor("the undo confirmation", (t) =>
      t.includes("ip route del 10.0.0.0/8 via 192.168.1.254 dev eth1"),
    );
    await s.type("y");
    await s.waitFor("the undo verified", (t) =>
      t.includes("reverted and verified: 10.0.0.0/8 is gone from the table"),
    );
    expect(pinned()).toBe(false);
    await s.type("q");
    await s.waitGone();
  }, 180_000);

  it("a change left counting down is reverted by the watchdog after the TUI quit", async () => {
    // Independent of the test before: a route it left behind would hide the finding.
    if (pinned()) execFileSync("ip", ["-n", SERVER, "route", "del", "10.0.0.0/8"]);
    // The SIP call may have recovered in the test before: the table's finding is enough to fix.
    const s = await tui("walkaway", tableWrong, "--rollback-after", "4");
    await s.type("f");
    await s.waitFor("the confirmation", (t) => t.includes(ADD) && t.includes("reverts by itself 4 s after"));
    await s.type("y");
    await s.waitFor("the countdown", (t) => /reverting in \d s unless you press c/.test(t));
    expect(pinned()).toBe(true);
    await s.type("q");
    await s.waitGone();
    // Nobody is left to press c, and the TUI that applied it is gone: the detached watchdog reverts.
    await until("the watchdog reverts the route", () => !pinned());
  }, 90_000);
});
