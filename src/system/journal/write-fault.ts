// Writes that must say when they did not reach the disk: a full disk writes part
// of a line and then fails, and a caller that reports "recorded" must know.
import { writeSync } from "node:fs";

/** The bytes written before a write failed or came up short: the rest is not on disk. */
export class ShortWriteError extends Error {
  constructor(
    readonly written: number,
    readonly total: number,
    readonly code: string | undefined,
    why: string,
  ) {
    super(`only ${written} of ${total} bytes were written (${why})`);
  }
}

/** Writes all of `data` or throws a ShortWriteError (a full disk writes part of a line, then fails). */
export function writeAll(fd: number, data: Buffer): void {
  let done = 0;
  while (done < data.length) {
    let n: number;
    try {
      n = writeSync(fd, data, done, data.length - done);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new ShortWriteError(done, data.length, err.code, err.code ?? err.message);
    }
    if (n <= 0) throw new ShortWriteError(done, data.length, undefined, "the write made no progress");
    done += n;
  }
}

const FAULTS: Record<string, string> = {
  ENOSPC: "the disk is full (ENOSPC)",
  EDQUOT: "the disk quota is exhausted (EDQUOT)",
  EIO: "an input/output error (EIO)",
  EFBIG: "the file is too large (EFBIG)",
  EROFS: "the file system is read-only (EROFS)",
  EACCES: "permission denied (run with sudo)",
};

/** Why a write failed, in words: "only 10 of 90 bytes were written, the disk is full (ENOSPC)". */
export function faultText(e: unknown): string {
  if (e instanceof ShortWriteError) {
    const fault = (e.code && FAULTS[e.code]) ?? e.code ?? "the write came up short";
    return `only ${e.written} of ${e.total} bytes were written, ${fault}`;
  }
  const err = e as NodeJS.ErrnoException;
  return (err.code && FAULTS[err.code]) ?? err.message ?? String(e);
}
