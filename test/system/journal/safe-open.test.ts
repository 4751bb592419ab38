// What root trusts in the state directory, on the real file system: directories
// and files owned by another user (`nobody`), writable by others, or replaced by
// links are refused with one line, and nothing is chmodded or written through.
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendRecord, fileJournal, readJournal } from "../../../src/system/journal/journal.js";
import { ensureStateDir } from "../../../src/system/journal/state-dir.js";
import { add, intent, ok } from "./journal-records.js";

const NOBODY = 65534;
const asRoot = process.geteuid?.() === 0;
if (!asRoot) console.warn("state directory ownership tests skipped: they need root to chown");

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dh-trust-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ROOT_FIX = "remove it or set DUALHOME_STATE_DIR to a root-owned directory";

describe.skipIf(!asRoot)("root and its state directory", () => {
  it("a directory another user owns is refused, in one line, and left as it was", () => {
    const state = path.join(dir, "state");
    mkdirSync(state, { mode: 0o700 });
    chownSync(state, NOBODY, NOBODY);
    const j = fileJournal(path.join(state, "journal.jsonl"));
    expect(() => j.read()).toThrow(
      `state directory ${state} is owned by uid ${NOBODY}, not root: ${ROOT_FIX}`,
    );
    expect(() => j.append(ok("a", 1))).toThrow(/is owned by uid 65534, not root/);
    expect(statSync(state).uid).toBe(NOBODY);
  });

  it("a directory group or others can write is refused, not chmodded", () => {
    const state = path.join(dir, "state");
    mkdirSync(state);
    chmodSync(state, 0o777);
    expect(() => ensureStateDir(state)).toThrow(
      `state directory ${state} is writable by group or others (mode 0777): ${ROOT_FIX}`,
    );
    expect(statSync(state).mode & 0o777).toBe(0o777);
  });

  it("a directory inside one another user owns is refused (they could swap it)", () => {
    const theirs = path.join(dir, "theirs");
    mkdirSync(theirs);
    chownSync(theirs, NOBODY, NOBODY);
    const state = path.join(theirs, "state");
    mkdirSync(state, { mode: 0o700 });
    expect(() => readJournal(path.join(state, "journal.jsonl"))).toThrow(
      `state directory ${state} is inside ${theirs}, which uid ${NOBODY} owns: ${ROOT_FIX}`,
    );
  });

  it("a link in place of the state directory is refused", () => {
    const real = path.join(dir, "real");
    mkdirSync(real, { mode: 0o700 });
    const link = path.join(dir, "state");
    symlinkSync(real, link);
    expect(() => appendRecord(path.join(link, "journal.jsonl"), ok("a", 1))).toThrow(
      `state directory ${link} is a symbolic link: ${ROOT_FIX}`,
    );
  });

  it("a journal linked to a root-only file is not written through, nor read", () => {
    const secret = path.join(dir, "secret");
    writeFileSync(secret, "root only\n", { mode: 0o600 });
    const state = path.join(dir, "state");
    mkdirSync(state, { mode: 0o700 });
    const file = path.join(state, "journal.jsonl");
    symlinkSync(secret, file);
    const j = fileJournal(file);
    expect(() => j.append(intent("a", add("10.0.0.0/8"), 1))).toThrow(
      `journal ${file} is a symbolic link (not followed): ${ROOT_FIX}`,
    );
    expect(() => j.read()).toThrow(/is a symbolic link \(not followed\)/);
    expect(readFileSync(secret, "utf8")).toBe("root only\n");
  });

  it("a journal another user owns (or that has a second hard link) is refused", () => {
    const state = path.join(dir, "state");
    mkdirSync(state, { mode: 0o700 });
    const file = path.join(state, "journal.jsonl");
    writeFileSync(file, "", { mode: 0o600 });
    chownSync(file, NOBODY, NOBODY);
    expect(() => readJournal(file)).toThrow(
      `journal ${file} is owned by uid ${NOBODY}, not root: ${ROOT_FIX}`,
    );
    chownSync(file, 0, 0);
    linkSync(file, path.join(dir, "second-name"));
    expect(() => readJournal(file)).toThrow(`journal ${file} has 2 hard links: ${ROOT_FIX}`);
  });

  it("creates each missing directory owner-only, and the journal 0600", () => {
    const file = path.join(dir, "a", "b", "journal.jsonl");
    appendRecord(file, ok("a", 1));
    for (const p of [path.join(dir, "a"), path.join(dir, "a", "b")]) {
      const st = lstatSync(p);
      expect([st.isDirectory(), st.uid, st.mode & 0o777]).toEqual([true, 0, 0o700]);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe.skipIf(!asRoot)("an unprivileged user and their state directory", () => {
  const user = { euid: NOBODY, strict: false };

  it("a directory they do not own is refused; its mode is theirs to choose", () => {
    const state = path.join(dir, "state");
    mkdirSync(state, { mode: 0o755 });
    expect(() => readJournal(path.join(state, "journal.jsonl"), user)).toThrow(
      `state directory ${state} is owned by uid 0, not you (uid ${NOBODY}): remove it or set DUALHOME_STATE_DIR to a directory you own`,
    );
    chownSync(state, NOBODY, NOBODY);
    expect(readJournal(path.join(state, "journal.jsonl"), user).records).toEqual([]);
  });
});

describe("where there are no uids (Windows)", () => {
  it("nothing is checked: the journal is created and read as before", () => {
    const file = path.join(dir, "Local", "dualhome", "journal.jsonl");
    appendRecord(file, intent("a", add("10.0.0.0/8"), 1), null);
    appendRecord(file, ok("a", 2), null);
    expect(readJournal(file, null).records.map((r) => r.type)).toEqual(["intent", "result"]);
    expect(ensureStateDir(path.join(dir, "other"), null)).toBeUndefined();
  });
});
