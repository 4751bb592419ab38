// `dualhome journal --tidy`: the warning about damaged lines says how to tidy, and
// tidying removes exactly those lines, keeps a backup, and asks first.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { journalTidyCommand } from "../../src/commands/journal-tidy-command.js";
import { add, intent, ok } from "../system/journal/journal-records.js";
import { runCli } from "./run-cli.js";

let dir = "";
let file = "";
const good = [
  JSON.stringify(intent("a1", add("10.0.0.0/8"), 1, { host: hostname() })),
  JSON.stringify(ok("a1", 2)),
];
// What a crash and a full disk leave: a damaged line in the middle, a torn last one.
const damaged = `${good[0]}\n{"type":"resu\n${good[1]}\n{"type":"result","id":"b`;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dh-tidy-"));
  file = path.join(dir, "journal.jsonl");
  writeFileSync(file, damaged, { mode: 0o600 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ DUALHOME_STATE_DIR: dir });

describe("dualhome journal --tidy", () => {
  it("the warnings say how to tidy", async () => {
    const r = await runCli(["journal"], { env: env() });
    expect(r.stderr).toBe(
      [
        "dualhome: warning: journal: the last journal line is incomplete (a write was cut off): ignored",
        "dualhome: warning: journal: journal line 2 is damaged: ignored",
        "dualhome: warning: journal: run `dualhome journal --tidy` to remove the damaged lines (a backup is kept)",
        "",
      ].join("\n"),
    );
  });

  it("--yes removes the damaged and torn lines, keeps the rest as it was, and the file as it was in .bak", async () => {
    const r = await runCli(["journal", "--tidy", "--yes"], { env: env() });
    expect(r.stdout).toBe(
      `tidy ${file}: remove 2 lines this version cannot use, keep 2 records; the file as it is now is kept as ${file}.bak\n` +
        "  line 2: damaged\n" +
        "  line 4: incomplete (a write was cut off)\n" +
        `tidied: ${file} (the previous file is ${file}.bak)\n`,
    );
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(`${good[0]}\n${good[1]}\n`);
    expect(readFileSync(`${file}.bak`, "utf8")).toBe(damaged);
    const after = await runCli(["journal"], { env: env() });
    expect([after.code, after.stderr]).toEqual([0, ""]);
    expect(after.stdout).toMatch(/a1 .*applied/);
    const again = await runCli(["journal", "--tidy", "--yes"], { env: env() });
    expect(again.stdout).toBe(`the journal ${file} has no damaged lines: nothing to tidy\n`);
  });

  it("asks first: no terminal without --yes refuses, and no for an answer changes nothing", async () => {
    const r = await runCli(["journal", "--tidy"], { env: env() });
    expect(r.stderr).toBe("dualhome: no terminal to confirm on: add --yes\n");
    expect(r.code).toBe(1);
    expect(readFileSync(file, "utf8")).toBe(damaged);
    const out: string[] = [];
    const ctx = {
      out: (t: string) => out.push(t),
      err: () => {},
      runner: { run: () => Promise.reject(new Error("no command")) },
      os: "linux" as const,
      isRoot: true,
      self: "dualhome",
      env: env(),
      stdinIsTTY: true,
    };
    const asked: string[] = [];
    const answer = (a: string) => ({
      ask: async (q: string) => {
        asked.push(q);
        return a;
      },
    });
    await expect(journalTidyCommand(ctx, {}, answer("n"))).rejects.toThrow(
      "cancelled: the journal was not changed",
    );
    expect(readFileSync(file, "utf8")).toBe(damaged);
    expect(await journalTidyCommand(ctx, {}, answer("y"))).toBe(0);
    expect(asked).toEqual(["Tidy the journal? [y/N] ", "Tidy the journal? [y/N] "]);
    expect(readFileSync(file, "utf8")).toBe(`${good[0]}\n${good[1]}\n`);
  });

  it("a journal that is a link is refused, not tidied through", async () => {
    const elsewhere = path.join(dir, "elsewhere");
    writeFileSync(elsewhere, damaged, { mode: 0o600 });
    rmSync(file);
    symlinkSync(elsewhere, file);
    const r = await runCli(["journal", "--tidy", "--yes"], { env: env() });
    expect(r.stderr).toMatch(/^dualhome: journal .* is a symbolic link \(not followed\): remove it/);
    expect(r.code).toBe(2);
    expect(readFileSync(elsewhere, "utf8")).toBe(damaged);
  });
});
