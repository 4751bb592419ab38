// Long and Japanese card names as the Linux kernel really holds them (15 bytes, the
// most a name may have), on the live screen of the real executable in tmux: at
// 80x24, 120x40 and 200x50 no line is wider than the terminal, the borders stand
// straight, and the cell with the card a stuck flow leaves by and the card it
// should use is whole. The SYN never leaves the test's namespace: the gateway is
// a name-only address on a veth whose peer is in the same namespace.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectStraight } from "../components/frame-checks.js";
import { ensureBuilt, hasTmux, TmuxSession } from "../e2e/tmux-driver.js";
import { BIN } from "./lab-helpers.js";
import { canUseNamespaces, delNamespace, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
const NS = uniqueName("dhnames");
const EXT = "external-uplink";
const INT = "イーサ内部";
const dir = mkdtempSync(path.join(tmpdir(), "dh-names-"));
const POLICY = path.join(dir, "policy.json");
const sessions: TmuxSession[] = [];
let client: ChildProcess | null = null;

const SIZES: [number, number][] = [
  [80, 24],
  [120, 40],
  [200, 50],
];

describe.skipIf(!can.ok || !hasTmux)("long and CJK card names on a real kernel, in tmux", () => {
  beforeAll(async () => {
    await ensureBuilt();
    expect(Buffer.byteLength(INT)).toBe(15);
    execFileSync("ip", ["netns", "add", NS]);
    ipn(NS, "link", "set", "lo", "up");
    ipn(NS, "link", "add", EXT, "type", "veth", "peer", "name", INT);
    for (const [dev, a] of [
      [EXT, "192.168.60.10/24"],
      [INT, "192.168.60.11/24"],
    ] as const) {
      ipn(NS, "link", "set", dev, "up");
      ipn(NS, "addr", "add", a, "dev", dev);
    }
    ipn(NS, "route", "add", "default", "via", "192.168.60.1", "dev", EXT);
    writeFileSync(
      POLICY,
      JSON.stringify({
        rules: [{ destinations: ["10.9.0.0/16"], interface: INT, gateway: "192.168.60.254" }],
      }),
    );
    // Connects that sit in SYN_SENT until ARP for the gateway gives up, then try again.
    const connect =
      "const net = require('net'); const go = () => net.connect(5061, '10.9.0.5').on('error', () => setTimeout(go, 200)); go();";
    client = spawn("ip", ["netns", "exec", NS, process.execPath, "-e", connect], { stdio: "ignore" });
  }, 180_000);

  afterAll(async () => {
    for (const s of sessions) await s.kill();
    await sessions[0]?.killServer();
    client?.kill("SIGKILL");
    delNamespace(NS);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [columns, rows] of SIZES)
    it(`${EXT} / ${INT} at ${columns}x${rows}`, async () => {
      const s = new TmuxSession(`dualhome-names-${columns}-${process.pid}-${Date.now()}`);
      sessions.push(s);
      await s.start(columns, rows, ["ip", "netns", "exec", NS, process.execPath, BIN, "--policy", POLICY]);
      const cell = `${EXT}→${INT}`;
      const screen = await s.waitFor(`the stuck flow with ${cell}`, (t) =>
        t.split("\n").some((l) => l.includes("SYN_SENT") && l.includes(cell)),
      );
      expectStraight(screen, columns, `${columns}x${rows}`);
      expect(screen).toMatch(/10\.9\.0\.5:5061/);
      await s.type("q");
      await s.waitGone();
    }, 90_000);
});
