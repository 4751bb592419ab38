// One tmux control-mode client (`tmux -C`) for the key timing: commands go in
// on its stdin and their answers come back between %begin and %end, so a
// capture costs a line written to a pipe instead of a tmux process started,
// and the timing measures the program rather than the measuring.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

export class TmuxControl {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = "";
  private block: string[] | null = null;
  /** The first block answers the attach itself. */
  private readonly waiting: ((lines: string[]) => void)[] = [() => undefined];

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
      if (this.block === null) {
        if (line.startsWith("%begin")) this.block = [];
      } else if (line.startsWith("%end") || line.startsWith("%error")) {
        const done = this.block;
        this.block = null;
        this.waiting.shift()?.(done);
      } else this.block.push(line);
      nl = this.buffer.indexOf("\n");
    }
  }

  /** Runs one tmux command; resolves with its output lines. */
  command(text: string): Promise<string[]> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${text}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
