// The helper that starts each poll's ss from a small process: the same bytes as a
// direct start (NUL bytes, big outputs read slowly), the same errors, a child of
// the helper and not of us, and the direct spawner once the helper is gone.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnStream } from "../../../src/system/exec/runner-stream.js";
import { createSpawnHelper, type SpawnHelper } from "../../../src/system/exec/spawn-helper.js";
import type { StreamOptions } from "../../../src/system/exec/stream-types.js";

const MAIN = path.resolve("dist/src/system/exec/spawn-helper-main.js");
let helper: SpawnHelper | null = null;
afterEach(() => {
  helper?.stop();
  helper = null;
});

function make(): SpawnHelper {
  helper = createSpawnHelper(spawnStream, MAIN);
  return helper;
}

async function output(h: SpawnHelper, argv: string[], opts: StreamOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const onBytes = (c: Uint8Array) => {
    opts.onBytes?.(c);
    chunks.push(Buffer.from(c));
  };
  await h.spawn(argv, () => {}, { ...opts, onBytes }).done;
  return Buffer.concat(chunks);
}

const node = (script: string) => [process.execPath, "-e", script];

describe("createSpawnHelper", () => {
  it("hands over exactly the bytes the command printed, NUL bytes and an unfinished line included", async () => {
    const h = make();
    const out = await output(h, node('process.stdout.write("a\\0b\\n\\0\\0c\\nlast")'));
    expect(out).toEqual(Buffer.from("a\0b\n\0\0c\nlast"));
  });

  it("starts the command from the helper, not from this process", async () => {
    const h = make();
    const stat = (await output(h, ["cat", "/proc/self/stat"])).toString();
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    expect(ppid).not.toBe(process.pid);
    const parent = readFileSync(`/proc/${ppid}/cmdline`, "utf8");
    expect(parent).toContain("spawn-helper-main.js");
  });

  it("loses nothing of a big output read slowly", async () => {
    const h = make();
    let first = true;
    const slow = () => {
      if (!first) return;
      first = false;
      const until = Date.now() + 300;
      while (Date.now() < until);
    };
    const out = await output(h, ["seq", "1", "400000"], { onBytes: slow });
    const lines = out.toString().split("\n");
    expect(lines.length).toBe(400_001);
    expect(lines[399_999]).toBe("400000");
  });

  it("runs commands asked for at once one after the other, each with its own output", async () => {
    const h = make();
    const outs = await Promise.all(["one", "two", "three"].map((w) => output(h, ["echo", w])));
    expect(outs.map(String)).toEqual(["one\n", "two\n", "three\n"]);
  });

  it("gives lines when no onBytes is asked for", async () => {
    const h = make();
    const lines: string[] = [];
    await h.spawn(["printf", "x\\ny\\r\\nz"], (l) => lines.push(...l)).done;
    expect(lines).toEqual(["x", "y", "z"]);
  });

  it("fails as a direct start does: missing program, exit code and stderr, timeout, cancel", async () => {
    const h = make();
    const why = (argv: string[], opts: StreamOptions = {}) =>
      output(h, argv, opts).then(
        () => null,
        (e: unknown) => e,
      );
    expect(await why(["dualhome-no-such-program"])).toMatchObject({
      kind: "not-found",
      message: "dualhome-no-such-program not found: is it installed and on PATH?",
    });
    expect(await why(node('console.error("boom: no table");process.exit(3)'))).toMatchObject({
      kind: "failed",
      exitCode: 3,
      message: expect.stringContaining("boom: no table"),
    });
    expect(await why(["sleep", "5"], { timeoutMs: 200 })).toMatchObject({ kind: "timeout" });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    expect(await why(["sleep", "5"], { signal: abort.signal })).toMatchObject({ kind: "cancelled" });
    expect(String(await output(h, ["echo", "still there"]))).toBe("still there\n");
    expect(h.active).toBe(true);
  });

  it("starts commands directly once the helper is gone", async () => {
    const h = make();
    await output(h, ["true"]);
    h.stop();
    expect(h.active).toBe(false);
    const stat = (await output(h, ["cat", "/proc/self/stat"])).toString();
    expect(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])).toBe(process.pid);
  });
});
