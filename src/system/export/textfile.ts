// `dualhome export --textfile DIR`: DIR/dualhome.prom for node_exporter's textfile
// collector, replaced atomically (a temp file in DIR, fsynced, renamed over it), so
// node_exporter never reads half a file. The temp name does not end in .prom: the
// collector skips it. Created with O_EXCL, so a link planted under that name is
// never followed; a rename replaces a link, never writes through it.
import { accessSync, constants, statSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import path from "node:path";

export const TEXTFILE_NAME = "dualhome.prom";

export class TextfileDirError extends Error {}

/** Refuses a DIR that is missing, not a directory or not writable, before the first poll. */
export function checkTextfileDir(dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TextfileDirError(
      code === "ENOENT"
        ? `--textfile ${dir}: no such directory (name node_exporter's --collector.textfile.directory)`
        : `--textfile ${dir}: ${code ?? (e as Error).message}`,
    );
  }
  if (!isDir)
    throw new TextfileDirError(`--textfile ${dir}: not a directory (name the directory, not the file)`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new TextfileDirError(`--textfile ${dir}: cannot write in it (permission denied)`);
  }
}

let serial = 0;

/** Replaces DIR/name with `text`; the file is 0644, as node_exporter runs as another user. */
export async function writeTextfile(dir: string, text: string, name = TEXTFILE_NAME): Promise<string> {
  const file = path.join(dir, name);
  const temp = path.join(dir, `.${name}.${process.pid}.${++serial}.tmp`);
  try {
    const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    try {
      await fh.writeFile(text);
      // The umask may have taken bits away: node_exporter must be able to read it.
      await fh.chmod(0o644);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new Error(`cannot write ${file}: ${(e as Error).message}`);
  }
  await syncDir(dir);
  return file;
}

/** The rename is durable only once the directory is on disk too (not possible on Windows). */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, constants.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // a directory that cannot be opened or synced (Windows): the rename stands anyway
  }
}
