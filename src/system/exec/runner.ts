// The real CommandRunner. The only file that may import execa: every command in
// dualhome runs from an argv array, never through a shell, with stdin closed so
// nothing can sit waiting on a prompt.
import { execa } from "execa";
import { ownValue } from "../../core/own-key.js";
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

/**
 * Route tables of a million rows are ~150 MB of text; about 700 MB in one string kills
 * V8 itself. Above this the command is stopped and the part fails with a clear error.
 */
export const MAX_OUTPUT_MB = 256;

/** Process groups of commands still running, ended if we exit before they do. */
const running = new Set<number>();
let exitHook = false;

/** Ends every process of the group led by `pid` (the command and whatever it started). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the whole group is gone already.
  }
}

interface RunnerOptions {
  /** For tests: a lower output limit than MAX_OUTPUT_MB, in characters. */
  maxOutputChars?: number;
}

export function createRunner(options: RunnerOptions = {}): CommandRunner {
  const maxChars = options.maxOutputChars ?? MAX_OUTPUT_MB * 1024 * 1024;
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => {
      for (const pid of running) killGroup(pid);
    });
  }
  return {
    async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
      const [file, ...args] = argv;
      if (!file) throw new CommandError("empty command", "failed", argv);
      const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const sub = execa(file, args, {
        reject: false,
        shell: false,
        ...(opts.input === undefined ? { stdin: "ignore" as const } : { input: opts.input }),
        ...(opts.signal ? { cancelSignal: opts.signal } : {}),
        // Its own process group: a timeout ends the command and every child it started.
        // A child that kept our stdout open (a daemon, a stuck helper) held a 10 s
        // timeout for minutes while we waited for the pipe to close.
        detached: true,
        maxBuffer: maxChars,
        stripFinalNewline: false,
        encoding: "utf8",
        // Parsers read English words; keep tools from translating them.
        env: { LC_ALL: "C" },
      });
      const pid = sub.pid;
      if (pid !== undefined) running.add(pid);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(pid);
        // A child that left our group (setsid) may still hold the pipes: stop reading them.
        setTimeout(() => {
          sub.stdout?.destroy();
          sub.stderr?.destroy();
        }, 1000).unref();
      }, timeoutMs);
      const onAbort = () => killGroup(pid);
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      // When the command itself ends, what it left behind in its group goes with it.
      sub.once("exit", () => killGroup(pid));
      const r = await sub;
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      if (pid !== undefined) running.delete(pid);
      const stdout = typeof r.stdout === "string" ? r.stdout : "";
      const stderr = typeof r.stderr === "string" ? r.stderr : "";
      if (!timedOut && !r.failed && r.exitCode === 0) return { stdout, stderr, exitCode: 0 };
      if (r.isMaxBuffer && !timedOut) {
        const limit =
          maxChars >= 1024 * 1024 ? `${Math.round(maxChars / 1024 / 1024)} MB` : `${maxChars} characters`;
        throw new CommandError(
          `${file} output exceeded ${limit}: stopped it (is the table really that big?)`,
          "failed",
          argv,
          "",
          r.exitCode ?? null,
        );
      }
      throw toCommandError(argv, { ...(r as Outcome), timedOut: timedOut && !r.isCanceled }, timeoutMs);
    },
  };
}
