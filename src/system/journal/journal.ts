// The change journal: one JSON record per line, appended and flushed to disk
// before and after every change, so `undo`, the rollback watchdog and the next
// start can tell what happened even when a process died half-way. The order of
// lines is the order of events: keep and revert claims are arbitrated by it.
import { closeSync, fstatSync, fsyncSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { kernelRouteSchema } from "../parts/exact-route.js";
import { checkDir, closeQuietly, type Owner, openOwned, processOwner, UnsafePathError } from "./safe-open.js";
import { ensureStateDir, stateSubject } from "./state-dir.js";
import { faultText, writeAll } from "./write-fault.js";

export type RevertBy = "watchdog" | "undo" | "operator";

const argv = z.array(z.string()).min(1);
const change = z.object({
  action: z.enum(["add", "delete"]),
  destination: z.string(),
  gateway: z.string().nullable(),
  interface: z.string().nullable(),
  metric: z.number().optional(),
  persistent: z.boolean(),
  table: z.string().optional(),
});
const base = { id: z.string().min(1), at: z.number() };
const by = z.enum(["watchdog", "undo", "operator"]);

const recordSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("intent"),
    ...base,
    /** A route change; absent for a guided-fix extra, which has `extra` instead. */
    change: change.optional(),
    /** Commands that are not a route change (a source rule, sysctls), run in order and reverted newest first. */
    extra: z
      .object({ title: z.string().min(1), commands: z.array(z.object({ argv, revert: argv })).min(1) })
      .optional(),
    /** The first command run, and the first revert run (for an extra: its last command's revert). */
    argv,
    revertArgv: argv,
    /** Run after `argv` to make the change survive a reboot (NetworkManager), and its inverse. */
    persistArgv: argv.nullable().optional(),
    persistRevertArgv: argv.nullable().optional(),
    host: z.string(),
    user: z.string(),
    rollbackAt: z.number().nullable(),
    /** A delete: the whole route as the kernel reported it before the delete, what its revert restores. */
    route: kernelRouteSchema.optional(),
    /** Where it was made (netnsIdentity()); absent in older records, which count as the initial namespace's. */
    netns: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
    /** The guided fix it is a step of: its steps share it and `undo` offers them together. */
    group: z.string().min(1).optional(),
  }),
  z.object({
    type: z.literal("result"),
    ...base,
    ok: z.boolean(),
    error: z.string().optional(),
    persisted: z.boolean().optional(),
    persistError: z.string().optional(),
    /** An add: the route as the kernel reported it after the add, what its revert removes (only exactly it). */
    route: kernelRouteSchema.optional(),
  }),
  z.object({ type: z.literal("keep"), ...base, pid: z.number() }),
  /** A claim: "I am about to revert this change". Settled by the `revert` of the same pid. */
  z.object({ type: z.literal("reverting"), ...base, by, pid: z.number() }),
  z.object({
    type: z.literal("revert"),
    ...base,
    by,
    pid: z.number(),
    ok: z.boolean(),
    error: z.string().optional(),
    /** Set when the claim lost (kept first, or someone else reverted): nothing ran. */
    skipped: z.string().optional(),
    /** The operator settled a change whose revert failed (fixed by hand): nothing ran. */
    settled: z.boolean().optional(),
  }),
  /** Stuck connects closed after a fix (`ss -K`): not a route change, and nothing can revert it. */
  z.object({
    type: z.literal("reset"),
    ...base,
    commands: z.array(argv).min(1),
    host: z.string(),
    ok: z.boolean(),
    error: z.string().optional(),
  }),
]);

export type JournalRecord = z.infer<typeof recordSchema>;
export type IntentRecord = Extract<JournalRecord, { type: "intent" }>;
export type ResultRecord = Extract<JournalRecord, { type: "result" }>;
export type KeepRecord = Extract<JournalRecord, { type: "keep" }>;
export type RevertingRecord = Extract<JournalRecord, { type: "reverting" }>;
export type RevertRecord = Extract<JournalRecord, { type: "revert" }>;
export type ResetRecord = Extract<JournalRecord, { type: "reset" }>;

interface JournalRead {
  records: JournalRecord[];
  /** Lines that were skipped, said for people (a torn last line, a damaged line). */
  warnings: string[];
}

export interface Journal {
  /** The file, or null for a journal kept in memory (the demo, tests). */
  readonly path: string | null;
  append(record: JournalRecord): void;
  read(): JournalRead;
}

function lastByte(fd: number): string | null {
  const size = fstatSync(fd).size;
  if (size === 0) return null;
  const buf = Buffer.alloc(1);
  readSync(fd, buf, 0, 1, size - 1);
  return buf.toString("latin1");
}

/**
 * Appends one record and flushes it to disk before returning. Throws when the
 * record may not be on disk (a short write, ENOSPC or EIO on write or fsync):
 * a caller must never report as recorded what was not.
 */
export function appendRecord(file: string, record: JournalRecord, o: Owner | null = processOwner()): void {
  ensureStateDir(path.dirname(file), o);
  const fd = openOwned(file, "append", o, stateSubject(o, "journal")) as number;
  try {
    // After a torn write the file ends mid-line: start on a fresh line so this record survives.
    const sep = lastByte(fd) ?? "\n";
    writeAll(fd, Buffer.from(`${sep === "\n" ? "" : "\n"}${JSON.stringify(record)}\n`));
    fsyncSync(fd);
  } finally {
    closeQuietly(fd);
  }
}

/** Parses journal text; never throws. */
export function parseJournal(text: string): JournalRead {
  const records: JournalRecord[] = [];
  const warnings: string[] = [];
  const lines = text.split("\n");
  const torn = lines.pop();
  if (torn !== undefined && torn.trim() !== "")
    warnings.push("the last journal line is incomplete (a write was cut off): ignored");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      warnings.push(`journal line ${i + 1} is damaged: ignored`);
      return;
    }
    const parsed = recordSchema.safeParse(value);
    if (parsed.success) records.push(parsed.data);
    else warnings.push(`journal line ${i + 1} is not a record this version knows: ignored`);
  });
  return { records, warnings };
}

export class JournalError extends Error {}

/** The hint every journal warning ends with: the warnings repeat until the file is tidied. */
export const TIDY_HINT = "run `dualhome journal --tidy` to remove the damaged lines (a backup is kept)";

/** The text of the journal read through a checked, unfollowed descriptor; null when there is none. */
export function readJournalText(file: string, o: Owner | null = processOwner()): string | null {
  if (!checkDir(path.dirname(file), o, stateSubject(o))) return null;
  const fd = openOwned(file, "read", o, stateSubject(o, "journal"));
  if (fd === null) return null;
  try {
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/** Reads the whole journal; a missing file is an empty journal. */
export function readJournal(file: string, o: Owner | null = processOwner()): JournalRead {
  let text: string | null;
  try {
    text = readJournalText(file, o);
  } catch (e) {
    if (e instanceof UnsafePathError) throw new JournalError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EACCES")
      throw new JournalError(`cannot read the journal ${file}: permission denied (run with sudo)`);
    throw new JournalError(`cannot read the journal ${file}: ${(e as Error).message}`);
  }
  if (text === null) return { records: [], warnings: [] };
  const read = parseJournal(text);
  return read.warnings.length > 0 ? { ...read, warnings: [...read.warnings, TIDY_HINT] } : read;
}

/** Why an append failed, for people; always says that the record is not on disk. */
export function appendFailure(file: string, e: unknown): JournalError {
  if (e instanceof UnsafePathError) return new JournalError(e.message);
  return new JournalError(`cannot write the journal ${file}: ${faultText(e)}: the record is not on disk`);
}

export function fileJournal(file: string): Journal {
  return {
    path: file,
    append: (record) => {
      try {
        appendRecord(file, record);
      } catch (e) {
        throw appendFailure(file, e);
      }
    },
    read: () => readJournal(file),
  };
}

export function memoryJournal(initial: JournalRecord[] = []): Journal {
  const records = initial.slice();
  return {
    path: null,
    append: (record) => {
      records.push(structuredClone(record));
    },
    read: () => ({ records: records.map((r) => structuredClone(r)), warnings: [] }),
  };
}
