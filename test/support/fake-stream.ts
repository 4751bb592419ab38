// A StreamSpawner for tests, like FakeRunner: it answers only the argv it was
// told to expect, in order, and fails loudly on anything else. A `held` answer
// stays open (a monitor) until stopped; `emit` then feeds it lines.
import { CommandError } from "../../src/system/exec/runner-types.js";
import type { StreamHandle, StreamOptions, StreamSpawner } from "../../src/system/exec/stream-types.js";

export interface StreamAnswer {
  lines?: string[];
  error?: CommandError;
  /** Stay open after the lines (a monitor) until stop(). */
  held?: boolean;
  /** Hold the answer until release() (a slow command). */
  gate?: Promise<void>;
}

const keyOf = (argv: readonly string[]): string => JSON.stringify(argv);

export class FakeStream {
  /** Every argv started, in order. */
  readonly calls: string[][] = [];
  private readonly pending = new Map<string, StreamAnswer[]>();
  private readonly open = new Map<string, { onLines: (lines: string[]) => void; stop: () => void }>();

  expect(argv: string[], answer: StreamAnswer): this {
    const key = keyOf(argv);
    const queue = this.pending.get(key) ?? [];
    queue.push(answer);
    this.pending.set(key, queue);
    return this;
  }

  /** Lines to the held stream started with argv. */
  emit(argv: string[], lines: string[]): void {
    const s = this.open.get(keyOf(argv));
    if (!s) throw new Error(`FakeStream: ${keyOf(argv)} is not open`);
    s.onLines(lines);
  }

  isOpen(argv: string[]): boolean {
    return this.open.has(keyOf(argv));
  }

  readonly spawn: StreamSpawner = (argv, onLines, opts: StreamOptions = {}): StreamHandle => {
    this.calls.push([...argv]);
    const key = keyOf(argv);
    const queue = this.pending.get(key);
    const answer = queue?.shift();
    if (queue && queue.length === 0) this.pending.delete(key);
    if (answer === undefined) {
      const e = new Error(`FakeStream: unexpected command ${key}`);
      return { started: Promise.reject(e), done: Promise.reject(e), stop: async () => {} };
    }
    const deliver = (lines: string[]) => {
      if (opts.onBytes) opts.onBytes(new TextEncoder().encode(lines.map((l) => `${l}\n`).join("")));
      else if (lines.length > 0) onLines(lines);
    };
    if (answer.error) {
      const e = answer.error;
      const started = e.kind === "not-found" ? Promise.reject(e) : Promise.resolve();
      started.catch(() => {});
      const done = Promise.reject(e);
      done.catch(() => {});
      return { started, done, stop: async () => {} };
    }
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const done = (async () => {
      await answer.gate;
      if (opts.signal?.aborted) throw new CommandError(`${argv[0]} was cancelled`, "cancelled", argv);
      deliver(answer.lines ?? []);
      if (answer.held) {
        this.open.set(key, { onLines: deliver, stop });
        await stopped;
        this.open.delete(key);
      }
    })();
    done.catch(() => {});
    return {
      started: Promise.resolve(),
      done,
      stop: async () => {
        stop();
        await done.catch(() => undefined);
      },
    };
  };

  /** Throws when an expected command was never started. */
  assertDone(): void {
    const left = [...this.pending.keys()];
    if (left.length > 0) throw new Error(`FakeStream: expected but never started: ${left.join(", ")}`);
  }
}
