// Reset after a fix, on a real kernel (issue 15, item 5), and quitting during the
// countdown (issue 11): the live screen runs in the lab's server namespace in tmux;
// f → y pins the route, x → y closes the connect still stuck on eth0 with ss -K,
// the lab's service calls again at once and leaves by eth1; q then says how the
// change stands, and the `keep` it names keeps it. Only lab namespaces are touched.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, hasTmux, ROOT, TmuxSession } from "../e2e/tmux-driver.js";
import { cli, eventually, ssIn } from "./lab-helpers.js";
import { canUseNamespaces } from "./netns-helpers.js";

const can = canUseNamespaces();
const nmcli = (process.env.PATH ?? "").split(":").some((d) => existsSync(path.join(d, "nmcli")));
const why = !can.ok ? can.reason : !hasTmux ? "tmux is not installed" : nmcli ? "nmcli is installed" : null;
if (why) console.warn(`TUI lab reset tests skipped: ${why}`);

const PREFIX = `dhx${randomBytes(2).toString("hex")}`;
const SERVER = `${PREFIX}-server`;
const POLICY = path.join(ROOT, "test/fixtures/lab/policy.yaml");
const BIN = path.join(ROOT, "bin/dualhome.js");
const ADD = "ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1";
const pinned = () =>
  /^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m.test(
    execFileSync("ip", ["-n", SERVER, "route", "show"], { encoding: "utf8" }),
  );
const stuckOnScreen = (t: string) => /✗.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061\s+SYN_SENT/.test(t);
const flat = (t: string) => t.replace(/\n/g, "");

let state = "";

const synPorts = () =>
  [...ssIn(SERVER).matchAll(/SYN-SENT\s.*192\.168\.1\.10:(\d+)\s+10\.1\.1\.20:5061/g)].map(
    (m) => m[1] as string,
  );

/** Waits for a call seen from its start and now past its 7 s SYN retry (a condition, not a timing assertion). */
async function quietStuckCall(): Promise<void> {
  const old = new Set(synPorts());
  const born = new Map<string, number>();
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    const now = Date.now();
    for (const p of synPorts()) {
      if (!old.has(p) && !born.has(p)) born.set(p, now);
      const age = now - (born.get(p) ?? now);
      if (age >= 7_300 && age < 10_000) return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no stuck call seen from its start within 120 s");
}
const sessions: TmuxSession[] = [];

describe.skipIf(why !== null)("x resets the stuck connect after a fix (real kernel, tmux)", () => {
  beforeAll(async () => {
    await ensureBuilt();
    execFileSync(process.execPath, [BIN, "lab", "up", "--prefix", PREFIX], { stdio: "pipe" });
    state = mkdtempSync(path.join(tmpdir(), "dh-reset-state-"));
  }, 180_000);

  afterAll(async () => {
    for (const s of sessions) await s.kill();
    await sessions[0]?.killServer();
    execFileSync(process.execPath, [BIN, "lab", "down", "--prefix", PREFIX], { stdio: "pipe" });
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it("the stuck SYN disappears, the retry leaves by eth1, and q says how to keep the change", async () => {
    const s = new TmuxSession(`dualhome-lab-reset-${process.pid}-${Date.now()}`);
    sessions.push(s);
    await s.start(170, 45, [
      "env",
      `DUALHOME_STATE_DIR=${state}`,
      "ip",
      "netns",
      "exec",
      SERVER,
      process.execPath,
      BIN,
      "--policy",
      POLICY,
    ]);
    // The pane stays after dualhome exits, so what it prints on its way out can be read.
    await s.tmux("set-option", "-t", s.name, "-w", "remain-on-exit", "on");
    let port: string | null = null;
    // The kernel retries a SYN by itself 1, 3, 7 and 15 s after the call; once the route is fixed
    // that retry connects, and then there is nothing left to reset. So the fix starts just after
    // a call's 7 s retry, which leaves 8 s of quiet; should a retry still win, undo and try again.
    for (let attempt = 1; attempt <= 4 && port === null; attempt++) {
      await quietStuckCall();
      await s.waitFor("the stuck call", stuckOnScreen, 90_000);
      await s.type("f");
      const confirm = flat(await s.waitFor("the fix's confirmation", (t) => t.includes(ADD)));
      expect(confirm).toMatch(
        /retried: 192\.168\.1\.10:\d+ -> 10\.1\.1\.20:5061 SYN_SENT is stuck on eth0 via 192\.168\.1\.1; the service's next try leaves by eth1 via 192\.168\.1\.254/,
      );
      await s.type("y");
      await s.waitFor(
        "the offer",
        (t) => t.includes("done and verified") && /x resets (it|them) now/.test(flat(t)),
      );
      await s.type("x");
      const offered = flat(
        await s.waitFor(
          "the reset's confirmation or nothing left",
          (t) => t.includes("Confirm: reset") || t.includes("nothing to reset"),
        ),
      );
      const m =
        /ss -K -4 -t -n state syn-sent src 192\.168\.1\.10 sport '=' :(\d+) dst 10\.1\.1\.20 dport '=' :5061/.exec(
          offered,
        );
      if (m?.[1]) {
        expect(offered).toContain("not revertible");
        await s.type("y");
        const done = flat(
          await s.waitFor("the reset's outcome", (t) =>
            /reset 1 stuck connect|connected by itself/.test(flat(t)),
          ),
        );
        if (
          /reset 1 stuck connect \(192\.168\.1\.10:\d+ -> 10\.1\.1\.20:5061\): gone; the service's next try leaves by eth1/.test(
            done,
          )
        ) {
          port = m[1];
          break;
        }
      }
      await s.type("u");
      await s.waitFor("the undo's confirmation", (t) => t.includes("ip route del 10.0.0.0/8"));
      await s.type("y");
      await s.waitFor("undone", (t) => t.includes("reverted and verified"));
    }
    expect(port).not.toBeNull();
    // That very connect is gone (destroyed, not connected late); the service's next call uses eth1's address.
    expect(ssIn(SERVER)).not.toMatch(new RegExp(`192\\.168\\.1\\.10:${port}\\s+10\\.1\\.1\\.20:5061`));
    await eventually(() => /ESTAB\s.*192\.168\.1\.11:\d+\s+10\.1\.1\.20:5061/.test(ssIn(SERVER)), 60_000);
    await s.waitFor("the call on screen, ok by eth1", (t) =>
      /✓.*192\.168\.1\.11:\d+\s+10\.1\.1\.20:5061\s+ESTAB/.test(t),
    );
    expect(pinned()).toBe(true);

    await s.type("q");
    // The note may have scrolled the main screen: read its history too, wrapped lines joined.
    const withHistory = async () =>
      (await s.tmux("capture-pane", "-p", "-J", "-S", "-100", "-t", s.name)).stdout.replace(/\n/g, " ");
    const end = Date.now() + 30_000;
    let after = await withHistory();
    while (!after.includes("is applied but not kept") && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      after = await withHistory();
    }
    const note =
      /change (\w+) \(route add 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1\) is applied but not kept: the watchdog reverts it at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[^;]*; to keep it, run `\S+ keep (\w+)` before then/.exec(
        after,
      );
    expect(note, after).not.toBeNull();
    expect(note?.[2]).toBe(note?.[1]);
    const kept = cli(SERVER, ["keep", note?.[1] ?? ""], { DUALHOME_STATE_DIR: state });
    expect(kept.code, kept.stderr).toBe(0);
    expect(pinned()).toBe(true);
  }, 400_000);
});
