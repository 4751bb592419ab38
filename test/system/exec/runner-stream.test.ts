// The real streaming spawner: lines whole and in order however the output is
// cut, errors that say what happened, a monitor that stop() ends, raw bytes.
import { describe, expect, it } from "vitest";
import { spawnStream } from "../../../src/system/exec/runner-stream.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";
import { LineSplitter, streamLines } from "../../../src/system/exec/stream-types.js";

const node = (script: string) => [process.execPath, "-e", script];

describe("spawnStream", () => {
  it("hands over complete lines in order, however the child cut its writes", async () => {
    const script =
      'const w=(s)=>new Promise(r=>process.stdout.write(s,r));(async()=>{await w("al");await w("pha\\nbe");await w("ta\\r\\ngamma")})()';
    const lines: string[] = [];
    await streamLines(spawnStream, node(script), (l) => lines.push(l));
    expect(lines).toEqual(["alpha", "beta", "gamma"]);
  });

  it("rejects with the child's first stderr line and exit code", async () => {
    const h = spawnStream(node('console.error("boom: no such table");process.exit(3)'), () => {});
    const e = await h.done.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).message).toContain("boom: no such table");
    expect((e as CommandError).exitCode).toBe(3);
  });

  it("says when the program does not exist", async () => {
    const h = spawnStream(["dualhome-no-such-program"], () => {});
    const e = await h.started.catch((x: unknown) => x);
    expect(e).toMatchObject({
      kind: "not-found",
      message: "dualhome-no-such-program not found: is it installed and on PATH?",
    });
  });

  it("a missing program watched only through done (or only through started) leaves no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const seen = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", seen);
    try {
      const onlyDone = spawnStream(["dualhome-no-such-program"], () => {});
      await expect(onlyDone.done).rejects.toMatchObject({ kind: "not-found" });
      const onlyStarted = spawnStream(["dualhome-no-such-program"], () => {});
      await expect(onlyStarted.started).rejects.toMatchObject({ kind: "not-found" });
      // Unhandled rejections are reported after the microtask queue drains.
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", seen);
    }
  });

  it("stop() ends a long-running child; done then resolves", async () => {
    const seen: string[] = [];
    const h = spawnStream(node('console.log("ready");setInterval(()=>{},1000)'), (l) => seen.push(...l));
    await h.started;
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(["ready"]);
    await h.stop();
    await expect(h.done).resolves.toBeUndefined();
  });

  it("delivers raw bytes instead of lines when asked", async () => {
    const chunks: Uint8Array[] = [];
    const lines: string[] = [];
    await spawnStream(node('process.stdout.write("a\\nb\\n")'), (l) => lines.push(...l), {
      onBytes: (c) => chunks.push(c),
    }).done;
    expect(lines).toEqual([]);
    expect(Buffer.concat(chunks).toString()).toBe("a\nb\n");
  });
});

describe("LineSplitter", () => {
  it("keeps an unfinished line for the next chunk and gives it at the end", () => {
    const s = new LineSplitter();
    expect(s.push("a\nb")).toEqual(["a"]);
    expect(s.push("c\r\nd")).toEqual(["bc"]);
    expect(s.end()).toEqual(["d"]);
    expect(s.end()).toEqual([]);
  });
});
