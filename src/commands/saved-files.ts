// Reading a customer's saved outputs: whatever encoding Windows wrote them in.
import { readFile } from "node:fs/promises";
import { CliError } from "./context.js";

/** PowerShell 5.1's `>` writes UTF-16LE with a BOM; cmd.exe writes the OEM code page (ASCII-safe here). */
export function decodeSaved(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString("utf16le");
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString("utf16le");
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString("utf8");
  // UTF-16 without a BOM still shows as every other byte zero.
  if (buf.length >= 4 && buf[1] === 0 && buf[3] === 0) return buf.toString("utf16le");
  return buf.toString("utf8");
}

export async function readSaved(path: string, option: string): Promise<string> {
  try {
    return decodeSaved(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? String(e));
    throw new CliError(`${option} ${path}: cannot read it (${why})`);
  }
}
