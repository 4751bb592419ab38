// Reads --policy: a file people write by hand, so every error names the field. Decoded
// as saved outputs are (a BOM, UTF-16 from Notepad or PowerShell), and bounded: a
// binary file given by mistake gives one line, not megabytes of errors.
import { open } from "node:fs/promises";
import { type Policy, parsePolicyText } from "../core/policy.js";
import { echoInput } from "../core/visible-text.js";
import { CliError } from "./context.js";
import { decodeSaved } from "./saved-files.js";

interface LoadedPolicy {
  policy: Policy | null;
  source: string;
}

/** A policy names a few cards and prefixes: 1 MB is thousands of rules. */
const MAX_POLICY_BYTES = 1024 * 1024;
const MAX_ERRORS = 20;

async function readBounded(file: string): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(MAX_POLICY_BYTES + 1);
    let length = 0;
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buf.subarray(0, length);
  } finally {
    await handle.close();
  }
}

export async function loadPolicy(file: string | undefined): Promise<LoadedPolicy> {
  if (!file) return { policy: null, source: "inferred" };
  const name = echoInput(file, 200);
  let buf: Buffer;
  try {
    buf = await readBounded(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a directory: name a policy file (JSON or YAML)"
            : (code ?? String(e));
    throw new CliError(`cannot read policy ${name}: ${why}`);
  }
  if (buf.length > MAX_POLICY_BYTES)
    throw new CliError(`policy ${name} is larger than 1 MB: is it the right file? (a policy is a few rules)`);
  const text = decodeSaved(buf);
  if (text.includes("\0") || text.includes("\ufffd"))
    throw new CliError(
      `policy ${name} is not text (binary bytes, or not UTF-8/UTF-16): is it the right file?`,
    );
  const parsed = parsePolicyText(text, file);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, MAX_ERRORS).map((e) => echoInput(e, 300));
    const more = parsed.errors.length - shown.length;
    if (more > 0) shown.push(`… and ${more} more`);
    throw new CliError(`policy ${name} is not valid:\n  ${shown.join("\n  ")}`);
  }
  return { policy: parsed.policy, source: file };
}
