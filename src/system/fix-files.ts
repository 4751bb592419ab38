// Files the guided fix leaves behind (the policy file and the summary), written
// relative to the working directory. An existing file is kept as `<name>.bak`.
// Root may run the fix in a directory others can write: a link (even a dangling
// one) in place of the output is refused, never written through, and the new
// file is created exclusively, so nothing planted between the check and the
// write is followed either.
import { constants, fsyncSync, lstatSync, mkdirSync, openSync, renameSync } from "node:fs";
import path from "node:path";
import { closeQuietly } from "./journal/safe-open.js";
import { writeAll } from "./journal/write-fault.js";

interface WrittenFile {
  path: string;
  backup: string | null;
}

// Undefined on Windows, which has no symbolic links a user can plant there for us to follow.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;

function existing(abs: string): "none" | "file" {
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "none";
    throw e;
  }
  if (st.isSymbolicLink())
    throw new Error(`${abs} is a symbolic link: not written through; remove it or choose another file name`);
  if (!st.isFile()) throw new Error(`${abs} is not a regular file: choose another file name`);
  return "file";
}

export function nodeFixFiles(cwd: string): {
  write(file: string, text: string): Promise<WrittenFile>;
  beside(file: string, name: string): string;
} {
  return {
    async write(file, text) {
      const abs = path.resolve(cwd, file);
      mkdirSync(path.dirname(abs), { recursive: true });
      let backup: string | null = null;
      if (existing(abs) === "file") {
        // rename moves the entry itself: a link at `.bak` is replaced, not followed.
        backup = `${abs}.bak`;
        renameSync(abs, backup);
      }
      let fd: number;
      try {
        fd = openSync(abs, CREATE_NEW, 0o644);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST" || code === "ELOOP")
          throw new Error(`${abs} appeared while it was being written: not written; run the fix again`);
        throw e;
      }
      try {
        writeAll(fd, Buffer.from(text));
        fsyncSync(fd);
      } finally {
        closeQuietly(fd);
      }
      return { path: abs, backup };
    },
    beside: (file, name) => path.join(path.dirname(path.resolve(cwd, file)), name),
  };
}
