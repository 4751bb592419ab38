// Which process owns each socket, read in the background and rarely. `ss -p`
// walks every /proc/<pid>/fd and costs seconds at 50,000 sockets, so it never
// sits on a poll's path: a refresh starts when the poller asks for names (every
// n-th poll), at most one at a time, and its answer is laid over the rows of the
// polls that follow; a flow that appeared since shows no name until the next.
import { errorText } from "../../core/errors.js";
import type { Connection } from "../../core/model.js";
import type { StreamSpawner } from "../exec/stream-types.js";
import { parseSsLine } from "./parse-ss.js";

interface Owner {
  pid: number | null;
  process: string;
}

/** protocol, local and remote as ss prints them: the same socket in both commands. */
function socketKey(c: Connection): string {
  return `${c.protocol} ${c.local.address}:${c.local.port}>${c.remote.address}:${c.remote.port}`;
}

function sameOwners(a: ReadonlyMap<string, Owner>, b: ReadonlyMap<string, Owner>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, o] of b) {
    const p = a.get(k);
    if (p === undefined || p.pid !== o.pid || p.process !== o.process) return false;
  }
  return true;
}

export class ProcessNames {
  private owners = new Map<string, Owner>();
  private current: Promise<void> | null = null;
  private handle: { stop(): Promise<void> } | null = null;
  private stopping = false;
  private _version = 0;
  private _error: string | null = null;
  /** Refreshes started (for tests and the bench). */
  runs = 0;

  constructor(
    private readonly spawn: StreamSpawner,
    private readonly argv: readonly string[],
    private readonly timeoutMs = 60_000,
  ) {}

  /** Bumped each time a refresh lands. */
  get version(): number {
    return this._version;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Why the last refresh failed, for the poll's notes. */
  get error(): string | null {
    return this._error;
  }

  /** Starts a refresh unless one is running; resolves when it landed (callers need not wait). */
  refresh(): Promise<void> {
    if (this.current) return this.current;
    this.runs++;
    const next = new Map<string, Owner>();
    const handle = this.spawn(
      this.argv,
      (lines) => {
        for (const line of lines) {
          const c = parseSsLine(line);
          if (c !== null && typeof c !== "string" && c.process !== null)
            next.set(socketKey(c), { pid: c.pid, process: c.process });
        }
      },
      { timeoutMs: this.timeoutMs },
    );
    this.handle = handle;
    this.current = handle.done
      .then(
        () => {
          if (this.stopping) return;
          this._error = null;
          // The same owners again change no row: a new version would re-apply them to
          // every row and make a new socket list, whose change asks for names again.
          if (sameOwners(this.owners, next)) return;
          this.owners = next;
          this._version++;
        },
        (e: unknown) => {
          this._error = `process names: ${errorText(e)}`;
        },
      )
      .finally(() => {
        this.current = null;
        this.handle = null;
      });
    return this.current;
  }

  /** Ends a running refresh (the platform closing). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.handle?.stop();
    await this.current;
  }

  /** The row with its owner as last read; the same object when that changes nothing. */
  readonly apply = (c: Connection): Connection => {
    const o = this.owners.get(socketKey(c));
    if (!o) return c.pid === null && c.process === null ? c : { ...c, pid: null, process: null };
    return o.pid === c.pid && o.process === c.process ? c : { ...c, pid: o.pid, process: o.process };
  };
}
