// The one seam to the OS: argv in, output out. Never a shell string.

export interface RunOptions {
  /** Kill the command after this long (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Written to stdin; otherwise stdin is closed so nothing can wait on a prompt. */
  input?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

type CommandErrorKind = "not-found" | "permission" | "timeout" | "cancelled" | "failed";

/** A command that could not run or exited non-zero; `message` says what to do. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly kind: CommandErrorKind,
    readonly argv: readonly string[],
    readonly stderr = "",
    readonly exitCode: number | null = null,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export interface CommandRunner {
  /** Resolves for exit code 0; rejects with CommandError otherwise. */
  run(argv: readonly string[], opts?: RunOptions): Promise<RunResult>;
}
