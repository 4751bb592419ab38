// A CommandRunner for tests: it answers only the argv it was told to expect and
// fails loudly on anything else, so a test pins the exact commands a platform runs.
import {
  CommandError,
  type CommandRunner,
  type RunOptions,
  type RunResult,
} from "../../src/system/exec/runner-types.js";

type Answer = Partial<RunResult> | CommandError;

const keyOf = (argv: readonly string[]): string => JSON.stringify(argv);

export class FakeRunner implements CommandRunner {
  /** Every argv run, in call order (also the rejected ones). */
  readonly calls: string[][] = [];
  private readonly pending = new Map<string, Answer[]>();

  /** Expect `argv` once more; the same argv may be expected several times, answered in order. */
  expect(argv: string[], result: Answer): this {
    const key = keyOf(argv);
    const queue = this.pending.get(key) ?? [];
    queue.push(result);
    this.pending.set(key, queue);
    return this;
  }

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    this.calls.push([...argv]);
    const queue = this.pending.get(keyOf(argv));
    const answer = queue?.shift();
    if (queue && queue.length === 0) this.pending.delete(keyOf(argv));
    if (answer === undefined) {
      const expected = [...this.pending.keys()].join(", ") || "nothing";
      throw new Error(`FakeRunner: unexpected command ${keyOf(argv)} (still expected: ${expected})`);
    }
    if (opts.signal?.aborted) throw new CommandError(`${argv[0]} was cancelled`, "cancelled", argv);
    if (answer instanceof CommandError) throw answer;
    const result: RunResult = {
      stdout: answer.stdout ?? "",
      stderr: answer.stderr ?? "",
      exitCode: answer.exitCode ?? 0,
    };
    if (result.exitCode !== 0) {
      const line = result.stderr.split("\n")[0] ?? "";
      throw new CommandError(
        `${argv[0]} failed: ${line || `exit code ${result.exitCode}`}`,
        "failed",
        argv,
        result.stderr,
        result.exitCode,
      );
    }
    return result;
  }

  /** Throws when an expected command was never run. */
  assertDone(): void {
    const left = [...this.pending.entries()].map(([k, q]) => (q.length > 1 ? `${k} ×${q.length}` : k));
    if (left.length > 0) throw new Error(`FakeRunner: expected but never run: ${left.join(", ")}`);
  }
}
