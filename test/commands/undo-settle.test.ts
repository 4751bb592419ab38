// `undo <id> --settle`: a change whose revert failed is put right by hand, then
// journaled as settled (nothing runs), and undo moves on to the change before it.
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendRecord, readJournal } from "../../src/system/journal/journal.js";
import { add, intent, ok } from "../system/journal/journal-records.js";
import { runCli } from "./run-cli.js";

let dir = "";
const file = () => path.join(dir, "journal.jsonl");
const env = () => ({ DUALHOME_STATE_DIR: dir });
const here = { host: hostname() };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dh-settle-"));
  appendRecord(file(), intent("a1", add("10.9.0.0/16"), 1_000, here));
  appendRecord(file(), ok("a1", 1_001));
  appendRecord(file(), intent("b2", add("10.0.0.0/8"), 2_000, here));
  appendRecord(file(), ok("b2", 2_001));
  appendRecord(file(), { type: "reverting", id: "b2", at: 3_000, by: "watchdog", pid: 4242 });
  appendRecord(file(), {
    type: "revert",
    id: "b2",
    at: 3_001,
    by: "watchdog",
    pid: 4242,
    ok: false,
    error: "RTNETLINK answers: Operation not permitted",
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("dualhome undo --settle", () => {
  it("journals a failed revert as settled by hand, runs nothing, and says so", async () => {
    const r = await runCli(["undo", "b2", "--settle", "--yes"], { env: env() });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("settle b2: revert-failed");
    expect(r.stdout).toContain("settled b2: journaled as put right by hand, nothing was run");
    expect(r.code).toBe(0);
    const last = readJournal(file()).records.at(-1);
    expect(last).toMatchObject({ type: "revert", id: "b2", by: "operator", settled: true });
    const list = await runCli(["journal", "--json"], { env: env() });
    const entries = JSON.parse(list.stdout).entries as { id: string; status: string }[];
    expect(entries.find((e) => e.id === "b2")?.status).toBe("reverted");
    expect(entries.find((e) => e.id === "a1")?.status).toBe("applied");
  });

  it("refuses a change that is not stuck, and wants an id", async () => {
    const r = await runCli(["undo", "a1", "--settle", "--yes"], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/change a1 is applied: only a change whose revert failed or was interrupted/);
    const bare = await runCli(["undo", "--settle", "--yes"], { env: env() });
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/--settle needs the id of the change/);
  });

  it("asks first without --yes, and there is no terminal here", async () => {
    const r = await runCli(["undo", "b2", "--settle"], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no terminal to confirm on: add --yes/);
    expect(readJournal(file()).records.at(-1)).toMatchObject({ type: "revert", ok: false });
  });
});
