// The real CommandRunner. The only file that may import execa: every command in
// dualhome runs from an argv array, never through a shell, with stdin closed so
// nothing can sit waiting on a prompt.
import { execa } from "execa";
import { ownValue } from "../core/own-key.js";
import { CommandError, type CommandRunner, type RunOptions, type RunResult } from "./runner-types.js";

const DEFAULT_TIMEOUT_MS = 10_000;

/** Which package brings a command, for "not found" messages. */
const PACKAGE_OF: Record<string, string> = {
  ip: "iproute2",
  ss: "iproute2",
  sysctl: "procps",
  nmcli: "network-manager",
  netplan: "netplan.io",
  networkctl: "systemd",
};

function notFoundMessage(cmd: string): string {
  const pkg = ownValue(PACKAGE_OF, cmd);
  return pkg ? `${cmd} not found: install ${pkg}` : `${cmd} not found: is it installed and on PATH?`;
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== "") ?? ""
  );
}

const PERMISSION_RE = /Operation not permitted|Permission denied/i;

interface Outcome {
  stdout: unknown;
  stderr: unknown;
  exitCode?: number;
  failed: boolean;
  timedOut: boolean;
  isCanceled: boolean;
  signal?: string;
  code?: string;
  originalMessage?: string;
}

/** Turns a failed execa outcome into a CommandError whose message says what to do. */
export function toCommandError(argv: readonly string[], r: Outcome, timeoutMs: number): CommandError {
  const cmd = argv[0] ?? "";
  const stderr = typeof r.stderr === "string" ? r.stderr : "";
  const exit = r.exitCode ?? null;
  if (r.code === "ENOENT") return new CommandError(notFoundMessage(cmd), "not-found", argv, stderr, exit);
  if (r.code === "EACCES")
    return new CommandError(
      `${cmd} cannot be run: permission denied on the program`,
      "permission",
      argv,
      stderr,
    );
  if (r.isCanceled) return new CommandError(`${cmd} was cancelled`, "cancelled", argv, stderr, exit);
  if (r.timedOut) {
    const s = timeoutMs / 1000;
    return new CommandError(`${cmd} did not answer within ${s} s`, "timeout", argv, stderr, exit);
  }
  if (PERMISSION_RE.test(stderr))
    return new CommandError(`${cmd} needs root: run with sudo`, "permission", argv, stderr, exit);
  const why = firstLine(stderr) || (r.signal ? `killed by ${r.signal}` : `exit code ${exit ?? "unknown"}`);
  const detail = exit === null && !stderr && r.originalMessage ? r.originalMessage : why;
  return new CommandError(`${cmd} failed: ${detail}`, "failed", argv, stderr, exit);
}

export function createRunner(): CommandRunner {
  return {
    async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
      const [file, ...args] = argv;
      if (!file) throw new CommandError("empty command", "failed", argv);
      const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const r = await execa(file, args, {
        reject: false,
        shell: false,
        ...(opts.input === undefined ? { stdin: "ignore" as const } : { input: opts.input }),
        timeout: timeoutMs,
        ...(opts.signal ? { cancelSignal: opts.signal } : {}),
        // Route tables of a million rows are ~150 MB of text: never cut them.
        maxBuffer: Number.POSITIVE_INFINITY,
        stripFinalNewline: false,
        encoding: "utf8",
        // Parsers read English words; keep tools from translating them.
        env: { LC_ALL: "C" },
      });
      const stdout = typeof r.stdout === "string" ? r.stdout : "";
      const stderr = typeof r.stderr === "string" ? r.stderr : "";
      if (!r.failed && r.exitCode === 0) return { stdout, stderr, exitCode: 0 };
      throw toCommandError(argv, r as Outcome, timeoutMs);
    },
  };
}
