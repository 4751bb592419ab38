// The real program in a real terminal for the bench: tmux on a private socket,
// keys in with send-keys, the screen out with capture-pane; argv only.
import { rmSync } from "node:fs";
import { createRunner } from "../src/system/exec/runner.js";
import { TmuxControl } from "./tmux-control.js";

const runner = createRunner();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TmuxPane {
  private socketPath: string | null = null;
  constructor(
    readonly socket: string,
    readonly name: string,
  ) {}

  tmux(...args: string[]) {
    return runner.run(["tmux", "-u", "-L", this.socket, ...args], { timeoutMs: 10_000 });
  }

  async start(columns: number, rows: number, cwd: string, command: string[]): Promise<number> {
    await this.tmux(
      "new-session",
      "-d",
      "-s",
      this.name,
      "-x",
      `${columns}`,
      "-y",
      `${rows}`,
      "-c",
      cwd,
      ...command,
    );
    const r = await this.tmux("display-message", "-p", "-t", this.name, "#{socket_path} #{pane_pid}");
    const [path, pid] = r.stdout.trim().split(" ");
    this.socketPath = path ?? null;
    return Number(pid);
  }

  async screen(escapes = false): Promise<string> {
    return (await this.tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", this.name)).stdout;
  }

  /** The screen line the inverse (selected) row is on, or -1. */
  async cursorLine(): Promise<number> {
    return (await this.screen(true)).split("\n").findIndex((l) => l.includes("\u001b[7m"));
  }

  key(key: string) {
    return this.tmux("send-keys", "-t", this.name, key);
  }

  async waitFor(what: string, ok: (screen: string) => boolean, deadlineMs: number): Promise<string> {
    const end = Date.now() + deadlineMs;
    let last = "";
    while (Date.now() < end) {
      last = await this.screen().catch(() => "");
      if (ok(last)) return last;
      await sleep(250);
    }
    throw new Error(`bench: ${what} not on screen within ${deadlineMs / 1000} s. Last screen:\n${last}`);
  }

  /** Ends the session and this private server, and removes its socket file. */
  async kill(): Promise<void> {
    await this.tmux("kill-server").catch(() => undefined);
    if (this.socketPath?.includes("dhbench")) rmSync(this.socketPath, { force: true });
  }
}

/**
 * Key press to screen: j and k in turn, each timed from send-keys until
 * capture-pane shows the selected row on another line, both through one
 * control-mode client. Milliseconds, sorted.
 */
export async function keyLatencies(pane: TmuxPane, presses: number): Promise<number[]> {
  const control = new TmuxControl(pane.socket, pane.name);
  try {
    // A control client has no size of its own unless told: keep the window as it is.
    await control.command("refresh-client -f no-output");
    const cursor = async () =>
      (await control.command(`capture-pane -p -e -t ${pane.name}`)).findIndex((l) => l.includes("\u001b[7m"));
    const times: number[] = [];
    let line = await cursor();
    for (let i = 0; i < presses; i++) {
      const t = performance.now();
      await control.command(`send-keys -t ${pane.name} ${i % 2 === 0 ? "j" : "k"}`);
      let now = line;
      while (now === line && performance.now() - t < 5000) now = await cursor();
      times.push(performance.now() - t);
      line = now;
      await sleep(150);
    }
    return times.sort((a, b) => a - b);
  } finally {
    control.close();
  }
}

export const median = (sorted: readonly number[]) => sorted[sorted.length >> 1] ?? Number.NaN;
