// A long-lived child process spoken to over stdin/stdout, for PowerShell: starting
// powershell.exe costs about a second, so one process serves every poll. Besides
// runner.ts, the only file that may import execa. Never a shell: argv only.
import { execa } from "execa";
import { CommandError } from "./runner-types.js";

export interface Session {
  /** Writes text to the child's stdin as is. */
  write(text: string): void;
  /**
   * Resolves with everything printed before the next line that equals `marker`
   * (the marker line itself is consumed). Rejects with a CommandError on timeout
   * or when the child has exited.
   */
  readUntil(marker: string, timeoutMs: number): Promise<string>;
  /** Ends the child; later reads reject. */
  close(): Promise<void>;
}

export type SessionFactory = (argv: string[]) => Session;

interface Waiter {
  marker: string;
  resolve: (text: string) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function spawnSession(argv: string[]): Session {
  const [file, ...args] = argv;
  if (!file) throw new CommandError("empty command", "failed", argv);
  const child = execa(file, args, {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
    buffer: false,
    reject: false,
  });
  let buffer = "";
  let stderr = "";
  let dead: CommandError | null = null;
  let waiter: Waiter | null = null;

  const settle = (): void => {
    if (!waiter) return;
    const w = waiter;
    const at = findMarker(buffer, w.marker);
    if (at) {
      waiter = null;
      clearTimeout(w.timer);
      const text = buffer.slice(0, at.start);
      buffer = buffer.slice(at.end);
      w.resolve(text);
    } else if (dead) {
      waiter = null;
      clearTimeout(w.timer);
      w.reject(dead);
    }
  };
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    buffer += chunk;
    settle();
  });
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin?.on("error", () => {});
  void child.then((r) => {
    const why =
      r.code === "ENOENT" ? `${file} not found` : `${file} exited (${r.exitCode ?? r.signal ?? "?"})`;
    const first = stderr.split(/\r?\n/).find((l) => l.trim() !== "");
    dead = new CommandError(
      first ? `${why}: ${first.trim()}` : why,
      r.code === "ENOENT" ? "not-found" : "failed",
      argv,
      stderr,
    );
    settle();
  });

  return {
    write(text) {
      if (dead) return;
      child.stdin?.write(text);
    },
    readUntil(marker, timeoutMs) {
      if (waiter)
        return Promise.reject(new CommandError(`${file}: a read is already waiting`, "failed", argv));
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = null;
          reject(
            new CommandError(`${file} did not answer within ${timeoutMs / 1000} s`, "timeout", argv, stderr),
          );
        }, timeoutMs);
        waiter = { marker, resolve, reject, timer };
        settle();
      });
    },
    async close() {
      if (!dead) dead = new CommandError(`${file} session closed`, "cancelled", argv);
      child.stdin?.end();
      child.kill();
      await child.catch(() => undefined);
      settle();
    },
  };
}

/** The marker as a whole line (CRLF or LF), so it cannot match inside data. */
function findMarker(buffer: string, marker: string): { start: number; end: number } | null {
  let from = 0;
  for (;;) {
    const i = buffer.indexOf(marker, from);
    if (i < 0) return null;
    const lineStart = i === 0 || buffer[i - 1] === "\n";
    let end = i + marker.length;
    if (buffer[end] === "\r") end++;
    if (lineStart && buffer[end] === "\n") return { start: i, end: end + 1 };
    if (lineStart && end === buffer.length) return null; // wait for the newline
    from = i + 1;
  }
}
