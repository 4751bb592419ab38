// Whom the real executable trusts with its state, run as root and as an
// unprivileged user (`nobody`, through setpriv): a state directory someone else
// owns is refused in one line, and the watchdog does not write its log through a
// link planted in its place.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./tmux-driver.js";

const asRoot = process.geteuid?.() === 0;
const hasSetpriv = spawnSync("setpriv", ["--version"]).status === 0;
if (!asRoot || !hasSetpriv) console.warn("state trust tests skipped: they need root and setpriv");
const NOBODY = 65534;
const BIN = join(ROOT, "bin", "dualhome.js");
const base = mkdtempSync(join(tmpdir(), "dh-trust-e2e-"));

function run(argv: string[], stateDir: string) {
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, DUALHOME_STATE_DIR: stateDir },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const asNobody = ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups"];

beforeAll(async () => {
  await ensureBuilt();
  // nobody must reach its own directory under base, and node_modules and dist are world-readable.
  chownSync(base, 0, 0);
  spawnSync("chmod", ["755", base]);
}, 180_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(!asRoot || !hasSetpriv)("the state directory, as root and as another user", () => {
  it("root refuses a state directory another user owns, in one line, exit 2", () => {
    const theirs = join(base, "theirs");
    mkdirSync(theirs, { mode: 0o700 });
    chownSync(theirs, NOBODY, NOBODY);
    // What a user leaves for root to find: a journal whose revert runs their command.
    writeFileSync(join(theirs, "journal.jsonl"), "");
    chownSync(join(theirs, "journal.jsonl"), NOBODY, NOBODY);
    const r = run([process.execPath, BIN, "journal"], theirs);
    expect(r.stderr).toBe(
      `dualhome: state directory ${theirs} is owned by uid ${NOBODY}, not root: ` +
        "remove it or set DUALHOME_STATE_DIR to a root-owned directory\n",
    );
    expect(r.code).toBe(2);
    // Every command that acts on the journal refuses with the same one line, before anything else.
    for (const args of [["undo", "--yes"], ["keep"], ["route", "del", "10.0.0.0/8", "--yes"]]) {
      const refused = run([process.execPath, BIN, ...args], theirs);
      expect([refused.code, refused.stdout, refused.stderr]).toEqual([2, "", r.stderr]);
    }
  });

  it("an unprivileged user refuses a state directory root owns, and uses its own", () => {
    const roots = join(base, "roots");
    mkdirSync(roots, { mode: 0o755 });
    const r = run([...asNobody, process.execPath, BIN, "journal"], roots);
    expect(r.stderr).toBe(
      `dualhome: state directory ${roots} is owned by uid 0, not you (uid ${NOBODY}): ` +
        "remove it or set DUALHOME_STATE_DIR to a directory you own\n",
    );
    expect(r.code).toBe(2);
    const mine = join(base, "mine");
    mkdirSync(mine, { mode: 0o700 });
    chownSync(mine, NOBODY, NOBODY);
    const ok = run([...asNobody, process.execPath, BIN, "journal"], mine);
    expect([ok.code, ok.stderr, ok.stdout]).toEqual([
      0,
      "",
      `the journal is empty (${mine}/journal.jsonl)\n`,
    ]);
  });

  it("the watchdog does not append its log through a dangling link in the state directory", () => {
    const state = join(base, "wd");
    mkdirSync(state, { mode: 0o700 });
    const target = join(base, "planted-target");
    symlinkSync(target, join(state, "watchdog.log"));
    const main = join(ROOT, "dist", "src", "system", "journal", "watchdog-main.js");
    const r = run(
      [process.execPath, main, join(state, "journal.jsonl"), "abc123", String(Date.now())],
      state,
    );
    // Nothing to revert (no such change): it logs and exits, and the log is not written through.
    expect(r.code).toBe(0);
    expect(existsSync(target)).toBe(false);
  });
});
