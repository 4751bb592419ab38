import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appendFailure,
  appendRecord,
  fileJournal,
  parseJournal,
  readJournal,
  TIDY_HINT,
} from "../../../src/system/journal/journal.js";
import {
  claimVerdict,
  journalEntries,
  lastApplied,
  pendingIntents,
  unkeptRollbacks,
} from "../../../src/system/journal/queries.js";
import { ShortWriteError } from "../../../src/system/journal/write-fault.js";
import { add, failed, intent, ok, reverted } from "./journal-records.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dh-journal-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the journal file", () => {
  it("appends one JSON line per record and reads them back in order", () => {
    const file = path.join(dir, "state", "journal.jsonl");
    appendRecord(file, intent("a", add("10.0.0.0/8"), 1));
    appendRecord(file, ok("a", 2));
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")).toHaveLength(3);
    expect(text.endsWith("\n")).toBe(true);
    expect(readJournal(file).records.map((r) => r.type)).toEqual(["intent", "result"]);
  });

  it("a missing file is an empty journal", () => {
    expect(readJournal(path.join(dir, "nope.jsonl"))).toEqual({ records: [], warnings: [] });
  });

  it("tolerates a torn last line, and the next append starts on a fresh line", () => {
    const file = path.join(dir, "journal.jsonl");
    const whole = JSON.stringify(intent("a", add("10.0.0.0/8"), 1));
    writeFileSync(file, `${whole}\n{"type":"result","id":"a","at":2,"o`);
    const torn = readJournal(file);
    expect(torn.records.map((r) => r.id)).toEqual(["a"]);
    expect(torn.warnings).toEqual([
      "the last journal line is incomplete (a write was cut off): ignored",
      TIDY_HINT,
    ]);
    // The interrupted change is what the next start reports.
    expect(pendingIntents(torn.records).map((p) => p.intent.id)).toEqual(["a"]);
    appendRecord(file, ok("a", 3));
    const after = readJournal(file);
    expect(after.records.map((r) => r.type)).toEqual(["intent", "result"]);
    expect(after.warnings).toEqual(["journal line 2 is damaged: ignored", TIDY_HINT]);
  });

  it("skips damaged and unknown lines with a warning, never throws", () => {
    const text = [
      "not json",
      JSON.stringify({ type: "intent", id: "x" }),
      JSON.stringify(ok("z", 1)),
      "",
    ].join("\n");
    const r = parseJournal(text);
    expect(r.records).toHaveLength(1);
    expect(r.warnings).toEqual([
      "journal line 1 is damaged: ignored",
      "journal line 2 is not a record this version knows: ignored",
    ]);
  });

  it("fileJournal says what to do when the journal cannot be written", () => {
    writeFileSync(path.join(dir, "file"), "");
    const j = fileJournal(path.join(dir, "file", "journal.jsonl"));
    expect(() => j.append(ok("a", 1))).toThrow(
      /^state directory .*file is not a directory: remove it or set DUALHOME_STATE_DIR to a/,
    );
  });
});

describe("a write that did not reach the disk", () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

  it("says why in words, and always that the record is not on disk", () => {
    expect(appendFailure("/s/journal.jsonl", errno("EIO")).message).toBe(
      "cannot write the journal /s/journal.jsonl: an input/output error (EIO): the record is not on disk",
    );
    expect(appendFailure("/s/journal.jsonl", new ShortWriteError(100, 180, "ENOSPC", "ENOSPC")).message).toBe(
      "cannot write the journal /s/journal.jsonl: only 100 of 180 bytes were written, the disk is full (ENOSPC): the record is not on disk",
    );
    expect(
      appendFailure("/s/j", new ShortWriteError(3, 9, undefined, "the write made no progress")).message,
    ).toBe(
      "cannot write the journal /s/j: only 3 of 9 bytes were written, the write came up short: the record is not on disk",
    );
  });
});

describe("questions asked of the journal", () => {
  it("an intent without a result is an interrupted change, reported with what to do", () => {
    const records = [intent("a", add("10.0.0.0/8"), 1), ok("a", 2), intent("b", add("172.16.0.0/12"), 3)];
    const p = pendingIntents(records);
    expect(p.map((x) => [x.intent.id, x.stage])).toEqual([["b", "apply"]]);
    expect(p[0]?.message).toBe(
      "a change was interrupted: b (route add 172.16.0.0/12 via 192.168.1.254 dev eth1) has no recorded result: check the table",
    );
  });

  it("a revert claimed and never settled is an interrupted revert", () => {
    const records = [
      intent("a", add("10.0.0.0/8"), 1),
      ok("a", 2),
      { type: "reverting" as const, id: "a", at: 3, by: "watchdog" as const, pid: 9 },
    ];
    expect(pendingIntents(records).map((x) => [x.intent.id, x.stage])).toEqual([["a", "revert"]]);
  });

  it("lastApplied is the newest change that applied and is not reverted", () => {
    const records = [
      intent("a", add("10.0.0.0/8"), 1),
      ok("a", 2),
      intent("b", add("172.16.0.0/12"), 3),
      ok("b", 4),
      intent("c", add("192.168.0.0/16"), 5),
      ok("c", 6),
      ...reverted("c", 7, "watchdog"),
      intent("d", add("10.9.0.0/16"), 8),
      failed("d", 9),
      intent("e", add("10.8.0.0/16"), 10),
    ];
    expect(lastApplied(records)?.id).toBe("b");
    expect(lastApplied([...records, ...reverted("b", 11)])?.id).toBe("a");
    expect(lastApplied([...records, ...reverted("b", 11), ...reverted("a", 12)])).toBeNull();
  });

  it("unkeptRollbacks are applied, under rollback, neither kept nor reverted", () => {
    const records = [
      intent("a", add("10.0.0.0/8"), 1, { rollbackAt: 100 }),
      ok("a", 2),
      intent("b", add("172.16.0.0/12"), 3, { rollbackAt: 100 }),
      ok("b", 4),
      { type: "keep" as const, id: "b", at: 5, pid: 3 },
      intent("c", add("192.168.0.0/16"), 6),
      ok("c", 7),
    ];
    expect(unkeptRollbacks(records).map((i) => i.id)).toEqual(["a"]);
    const status = journalEntries(records, 50).map((e) => [e.intent.id, e.status]);
    expect(status).toEqual([
      ["a", "rollback-pending"],
      ["b", "kept"],
      ["c", "applied"],
    ]);
    expect(journalEntries(records, 150)[0]?.status).toBe("rollback-overdue");
  });
});

describe("keep and the watchdog race: the first line wins", () => {
  const base = [intent("a", add("10.0.0.0/8"), 1, { rollbackAt: 100 }), ok("a", 2)];
  const keep = { type: "keep" as const, id: "a", at: 99, pid: 5 };
  const claim = { type: "reverting" as const, id: "a", at: 100, by: "watchdog" as const, pid: 6 };

  it("a keep written before the watchdog's claim wins: the watchdog stands down", () => {
    const records = [...base, keep, claim];
    expect(claimVerdict(records, keep)).toBeNull();
    expect(claimVerdict(records, claim)).toBe("change a was kept");
  });

  it("a keep written after the watchdog's claim is too late", () => {
    const records = [...base, claim, keep];
    expect(claimVerdict(records, claim)).toBeNull();
    expect(claimVerdict(records, keep)).toBe("too late: the watchdog is already reverting change a");
  });

  it("an undo does not race a watchdog that is already reverting", () => {
    const undo = { type: "reverting" as const, id: "a", at: 101, by: "undo" as const, pid: 7 };
    expect(claimVerdict([...base, claim, undo], undo)).toBe("change a is already being reverted by watchdog");
  });
});
