// The sockets of each live poll: `ss -tuan state connected` (TCP and connected
// UDP, listeners left in the kernel). ss spends about 2 µs formatting each
// socket, so with two or more cores a big list is read as two halves at once,
// split by a port threshold that ss passes to the kernel as a filter: each ss
// formats half, and a port is either below the threshold or not, so the halves
// are the whole list. The threshold is chosen from the last poll's ports so the
// halves come out about even; below a few thousand sockets one ss is cheaper.
import type { Connection, Part } from "../../core/model.js";
import { LineSplitter, type StreamSpawner } from "../exec/stream-types.js";
import { SS_CONNECTED } from "./linux-commands.js";
import { fail } from "./linux-parts.js";
import type { ParsedConnections } from "./parse-ss.js";
import { SsLines } from "./ss-lines.js";

export interface Split {
  by: "sport" | "dport";
  at: number;
}

/** Below this many sockets a second ss costs more than it saves. */
const SPLIT_FROM = 4000;
const REPLAN_EVERY = 10;

/** The threshold on local or remote port that halves these sockets most evenly; null when none is even enough. */
export function planSplit(conns: readonly Connection[]): Split | null {
  if (conns.length < SPLIT_FROM) return null;
  let best: (Split & { balance: number }) | null = null;
  for (const by of ["sport", "dport"] as const) {
    const ports = Int32Array.from(conns, (c) => (by === "sport" ? c.local.port : c.remote.port)).sort();
    // The first index of the value at the middle, or past it: the even cut between two distinct ports.
    const mid = ports.length >> 1;
    const v = ports[mid] as number;
    let lo = mid;
    while (lo > 0 && ports[lo - 1] === v) lo--;
    let hi = mid;
    while (hi < ports.length && ports[hi] === v) hi++;
    for (const cut of [lo, hi]) {
      if (cut <= 0 || cut >= ports.length) continue;
      const balance = Math.min(cut, ports.length - cut) / ports.length;
      if (!best || balance > best.balance) best = { by, at: ports[cut] as number, balance };
    }
  }
  return best && best.balance >= 0.25 ? { by: best.by, at: best.at } : null;
}

export function splitArgv(split: Split): [string[], string[]] {
  return [
    [...SS_CONNECTED, split.by, "<", `:${split.at}`],
    [...SS_CONNECTED, split.by, ">=", `:${split.at}`],
  ];
}

/**
 * One command's output, compared chunk by chunk with what it printed last time as
 * it arrives: when every byte is the same, nothing is joined, copied or cut.
 */
class Output {
  private readonly chunks: Uint8Array[] = [];
  private at = 0;
  private same: boolean;

  constructor(private readonly last: Buffer | null) {
    this.same = last !== null;
  }

  push(chunk: Uint8Array): void {
    const last = this.last;
    if (this.same && last) {
      const end = this.at + chunk.length;
      this.same =
        end <= last.length &&
        Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).equals(last.subarray(this.at, end));
    }
    this.at += chunk.length;
    this.chunks.push(chunk);
  }

  /** True when the output was exactly the last one. */
  unchanged(): boolean {
    return this.same && this.at === this.last?.length;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export class LiveSockets {
  private readonly halves = [new SsLines(), new SsLines()] as const;
  /** Each half's output as last printed: the same bytes again are the same rows, not parsed again. */
  private readonly lastBytes: (Buffer | null)[] = [null, null];
  private readonly lastParsed: (ParsedConnections | null)[] = [null, null];
  private split: Split | null = null;
  private reads = 0;
  private outputs = 0;
  private last: {
    split: Split | null;
    first: Connection[];
    second: Connection[] | undefined;
    part: Part<Connection[]>;
  } | null = null;

  constructor(
    private readonly spawn: StreamSpawner,
    private cores: number,
  ) {}

  /**
   * Bumped whenever ss printed something else than the time before: the sockets (or
   * their states and queues) changed. Laying new process names over the same
   * output does not bump it, so names are not asked for again because of names.
   */
  get outputVersion(): number {
    return this.outputs;
  }

  get currentSplit(): Split | null {
    return this.split;
  }

  setNames(version: number, apply: (c: Connection) => Connection): void {
    for (const h of this.halves) h.setNames(version, apply);
    this.lastParsed[0] = null;
    this.lastParsed[1] = null;
  }

  /** The rows of half i; its previous result when ss printed exactly what it printed last time. */
  private parse(i: number, out: Output): ParsedConnections {
    const last = this.lastParsed[i];
    const same = out.unchanged();
    if (last && same) return last;
    // Parsed again for new process names only, the sockets are the same: no new output.
    if (!same) this.outputs++;
    const bytes = same ? (this.lastBytes[i] as Buffer) : out.bytes();
    const lines = this.halves[i] as SsLines;
    lines.begin();
    const splitter = new LineSplitter();
    for (const l of splitter.push(bytes.toString("utf8"))) lines.push(l);
    for (const l of splitter.end()) lines.push(l);
    const parsed = lines.end();
    this.lastBytes[i] = bytes;
    this.lastParsed[i] = parsed;
    return parsed;
  }

  async read(signal?: AbortSignal): Promise<Part<Connection[]>> {
    const opts = { timeoutMs: 30_000, ...(signal ? { signal } : {}) };
    const split = this.split;
    const argvs = split ? splitArgv(split) : [SS_CONNECTED];
    const results = await Promise.allSettled(
      argvs.map(async (argv, i) => {
        const out = new Output(this.lastBytes[i] ?? null);
        const handle = this.spawn(argv, () => undefined, { ...opts, onBytes: (c) => out.push(c) });
        try {
          await handle.done;
        } catch (e) {
          this.lastBytes[i] = null;
          throw e;
        }
        return this.parse(i, out);
      }),
    );
    const failed = results.find((r) => r.status === "rejected");
    if (failed) {
      // An ss that does not take the filter (or fails with it) is asked whole from now on.
      if (split) this.cores = 1;
      this.split = null;
      this.last = null;
      return fail(failed.reason);
    }
    const [first, second] = results.map((r) => (r as PromiseFulfilledResult<ParsedConnections>).value);
    const a = first as ParsedConnections;
    const last = this.last;
    // Each half came back as last poll's arrays: the same part, so the poll is known unchanged.
    if (
      last &&
      last.split === split &&
      last.first === a.connections &&
      last.second === second?.connections &&
      a.warnings.length === 0 &&
      (second?.warnings.length ?? 0) === 0
    ) {
      this.reads++;
      return last.part;
    }
    const connections = second ? a.connections.concat(second.connections) : a.connections;
    const warnings = second ? a.warnings.concat(second.warnings) : a.warnings;
    // Plan again now and then, and at once when the halves drifted apart.
    const uneven =
      second && Math.min(a.connections.length, second.connections.length) < connections.length / 5;
    if (this.cores >= 2 && (this.reads++ % REPLAN_EVERY === 0 || uneven)) {
      const next = planSplit(connections);
      if (next?.by !== split?.by || next?.at !== split?.at) this.split = next;
    }
    const part: Part<Connection[]> = { ok: true, value: connections, warnings: warnings.slice(0, 50) };
    this.last =
      warnings.length === 0 ? { split, first: a.connections, second: second?.connections, part } : null;
    return part;
  }
}
