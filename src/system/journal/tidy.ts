// `dualhome journal --tidy`: a damaged or torn line is skipped with a warning on
// every command, for good, until someone removes it. Tidying rewrites the journal
// without the lines this version cannot use, atomically (a new file renamed over
// the old), after keeping the file as it was in `journal.jsonl.bak`.
import { constants, fsyncSync, lstatSync, openSync, renameSync, unlinkSync } from "node:fs";
import path from "node:path";
import { JournalError, parseJournal, readJournalText } from "./journal.js";
import { checkDir, closeQuietly, type Owner, processOwner, UnsafePathError } from "./safe-open.js";
import { stateSubject } from "./state-dir.js";
import { writeAll } from "./write-fault.js";

export interface TidyPlan {
  path: string;
  backup: string;
  /** The journal's text when planned: tidying refuses if it changed since. */
  text: string;
  kept: number;
  dropped: { line: number; why: string }[];
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;

function lines(text: string): string[] {
  const all = text.split("\n");
  if (all.at(-1) === "") all.pop();
  return all;
}

/** A line is kept when it alone reads as one record; a last line without its newline is torn. */
function keeps(line: string, last: boolean, text: string): string | null {
  if (last && !text.endsWith("\n")) return "incomplete (a write was cut off)";
  if (line.trim() === "") return null;
  const read = parseJournal(`${line}\n`);
  if (read.records.length === 1) return null;
  return /damaged/.test(read.warnings[0] ?? "") ? "damaged" : "not a record this version knows";
}

function readText(file: string, o: Owner | null): string | null {
  try {
    return readJournalText(file, o);
  } catch (e) {
    if (e instanceof UnsafePathError) throw new JournalError(e.message);
    throw new JournalError(`cannot read the journal ${file}: ${(e as Error).message}`);
  }
}

/** What tidying would remove; null when there is no journal. */
export function planTidy(file: string, o: Owner | null = processOwner()): TidyPlan | null {
  const text = readText(file, o);
  if (text === null) return null;
  const all = lines(text);
  const dropped: TidyPlan["dropped"] = [];
  let kept = 0;
  all.forEach((line, i) => {
    const why = keeps(line, i === all.length - 1, text);
    if (why !== null) dropped.push({ line: i + 1, why });
    else if (line.trim() !== "") kept++;
  });
  return { path: file, backup: `${file}.bak`, text, kept, dropped };
}

/** Writes `text` to a new file at `target` by way of `target.tmp`, renamed into place. */
function replaceWith(target: string, text: string): void {
  const tmp = `${target}.tmp`;
  try {
    // A leftover of an interrupted tidy; unlink removes a link itself, never its target.
    if (lstatSync(tmp)) unlinkSync(tmp);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const fd = openSync(tmp, CREATE_NEW, 0o600);
  try {
    writeAll(fd, Buffer.from(text));
    fsyncSync(fd);
  } finally {
    closeQuietly(fd);
  }
  renameSync(tmp, target);
}

/** Keeps the journal as `.bak`, then replaces it with its usable lines; refuses if it changed since `plan`. */
export function applyTidy(plan: TidyPlan, o: Owner | null = processOwner()): void {
  const dir = path.dirname(plan.path);
  const changed = () => readText(plan.path, o) !== plan.text;
  if (changed()) throw new JournalError(`the journal ${plan.path} changed while tidying: run it again`);
  const drop = new Set(plan.dropped.map((d) => d.line));
  const kept = lines(plan.text).filter((l, i) => !drop.has(i + 1) && l.trim() !== "");
  try {
    checkDir(dir, o, stateSubject(o));
    replaceWith(plan.backup, plan.text);
    // Checked again last: a record appended meanwhile (a watchdog's) must not be lost.
    if (changed()) throw new JournalError(`the journal ${plan.path} changed while tidying: run it again`);
    replaceWith(plan.path, kept.map((l) => `${l}\n`).join(""));
    if (o !== null) {
      const dirFd = openSync(dir, constants.O_RDONLY);
      try {
        fsyncSync(dirFd);
      } finally {
        closeQuietly(dirFd);
      }
    }
  } catch (e) {
    if (e instanceof JournalError) throw e;
    if (e instanceof UnsafePathError) throw new JournalError(e.message);
    throw new JournalError(
      `cannot tidy the journal ${plan.path}: ${(e as Error).message}: it was not changed`,
    );
  }
}
