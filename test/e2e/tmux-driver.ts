// Drives the real TUI in a real terminal: tmux on a private socket (so no
// user session is touched), keys in with send-keys, the screen out with
// capture-pane. Goes through the project's CommandRunner: argv, never a shell.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRunner } from "../../src/system/exec/runner.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "dist", "src", "cli.js");
const runner = createRunner();

export const hasTmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].some((p) => existsSync(p));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a lone `vitest run test/e2e` builds here when dist is missing or older than src. */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestMtime(join(ROOT, "src"))) return;
  await runner.run(["npm", "run", "build", "--silent"], { timeoutMs: 120_000 }).catch(() => undefined);
  if (!existsSync(CLI)) throw new Error(`npm run build did not produce ${CLI}`);
}

/** Where the private server's socket lives, to remove it afterwards (tmux leaves it behind). */
let socketPath: string | null = null;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TmuxSession {
  readonly socket = `dualhome-e2e-${process.pid}`;
  constructor(readonly name: string) {}

  tmux(...args: string[]) {
    // -u: the demo draws ✗ and box lines; the test environment's locale may not say UTF-8.
    return runner.run(["tmux", "-u", "-L", this.socket, ...args], { timeoutMs: 10_000 });
  }

  async start(columns: number, rows: number, command: string[]): Promise<void> {
    await this.tmux(
      "new-session",
      "-d",
      "-s",
      this.name,
      "-x",
      String(columns),
      "-y",
      String(rows),
      "-c",
      ROOT,
      ...command,
    );
    const r = await this.tmux("display-message", "-p", "-t", this.name, "#{socket_path}").catch(() => null);
    if (r?.stdout.trim()) socketPath = r.stdout.trim();
  }

  /**
   * The visible screen, or with `history` the scrollback too: once the pane is
   * dead, tmux writes "Pane is dead" on a new bottom line, which scrolls the
   * screen's first line into the history.
   */
  async screen(history = false): Promise<string> {
    const from = history ? ["-S", "-"] : [];
    return (await this.tmux("capture-pane", "-p", ...from, "-t", this.name)).stdout;
  }

  /** Literal text, then named keys such as Enter or Escape. */
  async type(text: string, ...keys: string[]): Promise<void> {
    if (text) await this.tmux("send-keys", "-t", this.name, "-l", text);
    if (keys.length > 0) await this.tmux("send-keys", "-t", this.name, ...keys);
  }

  async alive(): Promise<boolean> {
    return this.tmux("has-session", "-t", this.name).then(
      () => true,
      () => false,
    );
  }

  /** Polls the screen until `ok` holds; no timing is asserted, the deadline only bounds a hang. */
  async waitFor(
    what: string,
    ok: (screen: string) => boolean,
    deadlineMs = 30_000,
    history = false,
  ): Promise<string> {
    const end = Date.now() + deadlineMs;
    let last = "";
    while (Date.now() < end) {
      last = await this.screen(history).catch((e: Error) => `(capture failed: ${e.message})`);
      if (ok(last)) return last;
      await sleep(150);
    }
    throw new Error(`${what}: not on screen within ${deadlineMs / 1000} s. Last screen:\n${last}`);
  }

  /** Polls a tmux format until it reads `want`; returns the last reading. */
  async waitForState(format: string, want: string, deadlineMs = 15_000): Promise<string> {
    const end = Date.now() + deadlineMs;
    let got = "";
    while (Date.now() < end) {
      got = (await this.tmux("display-message", "-p", "-t", this.name, format)).stdout.trim();
      if (got === want) break;
      await sleep(150);
    }
    return got;
  }

  async waitGone(deadlineMs = 15_000): Promise<void> {
    const end = Date.now() + deadlineMs;
    while (Date.now() < end) {
      if (!(await this.alive())) return;
      await sleep(150);
    }
    throw new Error(`session ${this.name} still running ${deadlineMs / 1000} s after quitting`);
  }

  async kill(): Promise<void> {
    await this.tmux("kill-session", "-t", this.name).catch(() => undefined);
  }

  /** Ends this test's private tmux server and removes its socket file. */
  async killServer(): Promise<void> {
    await this.tmux("kill-server").catch(() => undefined);
    if (socketPath?.includes("dualhome-e2e-")) rmSync(socketPath, { force: true });
  }
}
