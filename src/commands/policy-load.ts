// Reads --policy: a file people write by hand, so every error names the field.
import { readFile } from "node:fs/promises";
import { type Policy, parsePolicyText } from "../core/policy.js";
import { CliError } from "./context.js";

export interface LoadedPolicy {
  policy: Policy | null;
  source: string;
}

export async function loadPolicy(file: string | undefined): Promise<LoadedPolicy> {
  if (!file) return { policy: null, source: "inferred" };
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a directory: name a policy file (JSON or YAML)"
            : (e as Error).message;
    throw new CliError(`cannot read policy ${file}: ${why}`);
  }
  const parsed = parsePolicyText(text, file);
  if (!parsed.ok) throw new CliError(`policy ${file} is not valid:\n  ${parsed.errors.join("\n  ")}`);
  return { policy: parsed.policy, source: file };
}
