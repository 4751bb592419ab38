// What a program in a tmux pane writes, read from outside: a control-mode client
// (`tmux -C`) receives every byte the pane's program writes as `%output` lines,
// with bytes below 32 and the backslash written as octal escapes. No shell, no pty
// of our own: tmux already holds the terminal the program draws on.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/** The number of bytes one `%output` line stands for. */
export function outputBytes(escaped: string): number {
  return Buffer.byteLength(escaped.replace(/\\[0-7]{3}/g, "x"), "utf8");
}

export class PaneOutput {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = "";
  /** Bytes the pane's program has written since the client attached (or since `reset`). */
  bytes = 0;

  constructor(socket: string, session: string) {
    this.child = spawn("tmux", ["-u", "-L", socket, "-C", "attach", "-t", session]);
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => this.take(chunk));
    this.child.on("error", () => undefined);
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    let nl = this.buffer.indexOf("\n");
    while (nl >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      const m = /^%output %\d+ (.*)$/.exec(line);
      if (m?.[1] !== undefined) this.bytes += outputBytes(m[1]);
      nl = this.buffer.indexOf("\n");
    }
  }

  reset(): void {
    this.bytes = 0;
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
