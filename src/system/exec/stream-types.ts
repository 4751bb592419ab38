// The streaming seam to the OS, beside CommandRunner: a child whose output is
// handed over line by line while it runs. Long-lived monitors (`ip monitor`) and
// large dumps (a million routes) use it, so output is parsed as it arrives and
// never held whole in memory. Types only: no process is started from here.
export interface StreamOptions {
  /** Kill the child after this long; none for monitors. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Raw bytes instead of lines: `onLines` is then not called. For outputs so
   * large that one string per line is already too much (a million-route re-read).
   */
  onBytes?: (chunk: Uint8Array) => void;
  /**
   * The child runs until stop() (`ip monitor`). Its stdin stays an open pipe: over SSH
   * the remote wrapper ends the command when that pipe closes (a killed client closes
   * it), so no monitor is left running on the other host.
   */
  untilStopped?: boolean;
}

export interface StreamHandle {
  /** Resolves when the child started; rejects with a CommandError when it could not. */
  readonly started: Promise<void>;
  /** Resolves when the child exited 0 and every line was delivered; rejects with a CommandError otherwise. */
  readonly done: Promise<void>;
  /** Ends the child (a monitor); `done` then resolves. */
  stop(): Promise<void>;
}

/** Starts argv (never a shell); `onLines` receives complete lines, without their newline, in order. */
export type StreamSpawner = (
  argv: readonly string[],
  onLines: (lines: string[]) => void,
  opts?: StreamOptions,
) => StreamHandle;

/** Turns chunks into complete lines; the unfinished tail waits for the next chunk. */
export class LineSplitter {
  private tail = "";

  push(chunk: string): string[] {
    const text = this.tail === "" ? chunk : this.tail + chunk;
    const lines = text.split("\n");
    this.tail = lines.pop() ?? "";
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as string;
      if (l.endsWith("\r")) lines[i] = l.slice(0, -1);
    }
    return lines;
  }

  /** The last line when the output did not end with a newline. */
  end(): string[] {
    const rest = this.tail;
    this.tail = "";
    return rest === "" ? [] : [rest.endsWith("\r") ? rest.slice(0, -1) : rest];
  }
}

/** Runs a dump to its end through a spawner, feeding each line to `onLine`. */
export async function streamLines(
  spawn: StreamSpawner,
  argv: readonly string[],
  onLine: (line: string) => void,
  opts: StreamOptions = {},
): Promise<void> {
  const handle = spawn(
    argv,
    (lines) => {
      for (const l of lines) onLine(l);
    },
    opts,
  );
  await handle.done;
}

/** Runs every stream through a prefix, e.g. `ip netns exec <ns>` for a test namespace. */
export function prefixedSpawner(spawn: StreamSpawner, prefix: readonly string[]): StreamSpawner {
  return (argv, onLines, opts) => spawn([...prefix, ...argv], onLines, opts);
}
