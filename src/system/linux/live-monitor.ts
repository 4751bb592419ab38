// The long-lived `ip monitor` child of the live platform: started on the first
// poll, its lines parsed as they arrive; when it cannot start or dies, the
// platform falls back to full re-reads and tries again later.

import { errorText } from "../../core/errors.js";
import type { StreamHandle, StreamSpawner } from "../exec/stream-types.js";
import { IP_MONITOR } from "./linux-commands.js";
import { MonitorParser } from "./monitor-events.js";

export class LiveMonitor {
  readonly parser = new MonitorParser();
  private handle: StreamHandle | null = null;
  /** Why the monitor is not running, for the poll's notes. */
  note: string | null = null;
  lastTry = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly spawn: StreamSpawner,
    private readonly now: () => number,
  ) {}

  get running(): boolean {
    return this.handle !== null;
  }

  async start(): Promise<void> {
    if (this.handle || this.closed) return;
    this.lastTry = this.now();
    const handle = this.spawn(
      IP_MONITOR,
      (lines) => {
        for (const l of lines) this.parser.push(l);
      },
      { untilStopped: true },
    );
    try {
      await handle.started;
    } catch (e) {
      this.note = `ip monitor could not start (${errorText(e)}): every poll re-reads the routes`;
      return;
    }
    this.handle = handle;
    this.note = null;
    handle.done.then(
      () => this.lost(handle, "ip monitor ended"),
      (e: unknown) => this.lost(handle, `ip monitor failed (${errorText(e)})`),
    );
  }

  private lost(handle: StreamHandle, why: string): void {
    if (this.closed || this.handle !== handle) return;
    this.handle = null;
    this.note = `${why}: every poll re-reads the routes until it runs again`;
  }

  async stop(): Promise<void> {
    this.closed = true;
    const h = this.handle;
    this.handle = null;
    await h?.stop();
  }
}
