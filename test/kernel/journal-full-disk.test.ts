// A journal that tells the truth when the disk is full, on a real kernel: the CLI
// changes a route in the lab's server namespace with its state directory on a
// 64 KiB tmpfs, filled so that the intent fits and the result does not. The
// tmpfs lives in a private mount namespace (`unshare -m`) that dies with the
// command, so nothing stays mounted whatever happens (`npm run build` first).
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, cli } from "./lab-helpers.js";
import { canUseNamespaces, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
const canMount = spawnSync("unshare", ["-m", "--propagation", "private", "true"]).status === 0;
if (!can.ok || !canMount)
  console.warn(`full-disk journal tests skipped: ${can.ok ? "unshare -m failed" : can.reason}`);

const PREFIX = uniqueName("dhfull");
const SERVER = `${PREFIX}-server`;
const ADD = ["route", "add", "10.0.0.0/8", "--via", "192.168.1.254", "--dev", "eth1", "--yes"];
const PINNED = /^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m;
const PAGE = 4096;
const base = mkdtempSync(path.join(tmpdir(), "dh-fulldisk-"));
const pinned = () => PINNED.test(ipn(SERVER, "route", "show"));

// Mounts the tmpfs on $1, pads journal.jsonl with $2 newlines (blank lines, which the
// journal skips), fills the rest of the tmpfs but one page (the change lock's), then runs the command in the same namespace.
const FILL_THEN_RUN = [
  "set -e",
  'mount -t tmpfs -o size=64k,mode=0700 tmpfs "$1"',
  'if [ "$2" -gt 0 ]; then head -c "$2" /dev/zero | tr "\\0" "\\n" > "$1/journal.jsonl"; chmod 600 "$1/journal.jsonl"; fi',
  'cat /dev/zero > "$1/fill" 2>/dev/null || true',
  // One page back for the change lock, taken before the intent is written.
  `truncate -s -${4096} "$1/fill"`,
  "shift 2",
  'exec "$@"',
].join("\n");

function onFullDisk(pad: number, args: string[]) {
  const mnt = mkdtempSync(path.join(base, "mnt-"));
  const argv = ["-m", "--propagation", "private", "sh", "-c", FILL_THEN_RUN, "sh", mnt, String(pad)];
  const r = spawnSync("unshare", [...argv, "ip", "netns", "exec", SERVER, process.execPath, BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", DUALHOME_STATE_DIR: mnt },
    timeout: 60_000,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    journal: `${mnt}/journal.jsonl`,
  };
}

/** Bytes of the intent and the result lines of one ADD, measured on a roomy disk (ids and times have fixed widths). */
let intentBytes = 0;
let resultBytes = 0;

describe.skipIf(!can.ok || !canMount)("the journal on a full disk, on a real kernel", () => {
  beforeAll(() => {
    if (!existsSync(path.resolve("dist/src/cli.js")))
      throw new Error("run `npm run build` before the kernel tests");
    execFileSync(process.execPath, [BIN, "lab", "up", "--prefix", PREFIX], { stdio: "pipe" });
    const roomy = mkdtempSync(path.join(base, "roomy-"));
    expect(cli(SERVER, ADD, { DUALHOME_STATE_DIR: roomy }).code).toBe(0);
    const lines = readFileSync(path.join(roomy, "journal.jsonl"), "utf8").split("\n");
    intentBytes = (lines[0]?.length ?? 0) + 1;
    resultBytes = (lines[1]?.length ?? 0) + 1;
    ipn(SERVER, "route", "del", "10.0.0.0/8");
  }, 120_000);
  afterAll(() => {
    execFileSync(process.execPath, [BIN, "lab", "down", "--prefix", PREFIX], { stdio: "pipe" });
    rmSync(base, { recursive: true, force: true });
  });
  afterEach(() => {
    if (pinned()) ipn(SERVER, "route", "del", "10.0.0.0/8");
  });

  it("the change ran but its result does not fit: it says so, with the exact revert, exit 2", () => {
    // Room for the whole intent and half the result line in the journal's last page.
    const pad = PAGE - intentBytes - Math.floor(resultBytes / 2);
    const r = onFullDisk(pad, ADD);
    expect(r.stdout).not.toMatch(/done and verified/);
    // Exactly the route the kernel reported after the add, as undo would rebuild it.
    const revert =
      "ip route del 10.0.0.0/8 via 192.168.1.254 dev eth1 table main metric 0 proto boot scope global";
    expect(r.stderr).toBe(
      `dualhome: applied, but the journal could not record it: revert with \`${revert}\` ` +
        `(cannot write the journal ${r.journal}: only ${Math.floor(resultBytes / 2)} of ${resultBytes} bytes were written, ` +
        "the disk is full (ENOSPC): the record is not on disk)\n",
    );
    expect(r.code).toBe(2);
    // It is applied, as said, and the command given takes it back out.
    expect(pinned()).toBe(true);
    const quoted = /revert with `([^`]+)`/.exec(r.stderr)?.[1]?.split(" ") ?? [];
    ipn(SERVER, ...quoted.slice(1));
    expect(pinned()).toBe(false);
  });

  it("no room for the intent: nothing is changed, and it says why", () => {
    const r = onFullDisk(0, ADD);
    expect(r.stderr).toMatch(
      /^dualhome: nothing was changed: cannot write the journal .*: only 0 of \d+ bytes were written, the disk is full \(ENOSPC\): the record is not on disk\n$/,
    );
    expect(r.code).toBe(2);
    expect(pinned()).toBe(false);
  });

  it("a journal linked to a root-only file: nothing is changed, nothing written through", () => {
    const state = mkdtempSync(path.join(base, "linked-"));
    const secretDir = path.join(base, "root-only");
    mkdirSync(secretDir, { mode: 0o700 });
    const secret = path.join(secretDir, "secret");
    writeFileSync(secret, "root only\n", { mode: 0o600 });
    symlinkSync(secret, path.join(state, "journal.jsonl"));
    const r = cli(SERVER, ADD, { DUALHOME_STATE_DIR: state });
    expect(r.stderr).toMatch(
      /^dualhome: nothing was changed: journal .*journal\.jsonl is a symbolic link \(not followed\): remove it or set DUALHOME_STATE_DIR to a root-owned directory$/m,
    );
    expect(r.code).toBe(2);
    expect(pinned()).toBe(false);
    expect(readFileSync(secret, "utf8")).toBe("root only\n");
  });
});
