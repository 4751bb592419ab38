// The textfile for node_exporter: replaced whole (a reader never sees half of it),
// readable by another user, never written through a link, and a DIR that cannot
// hold it is refused with one line.
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { checkTextfileDir, TextfileDirError, writeTextfile } from "../../../src/system/export/textfile.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "dh-textfile-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Reads the file in a tight loop on another thread until told to stop; reports every
// content it saw that is not one of the whole versions (a versions' first line names
// its length).
const READER = `
const { parentPort, workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
let stop = false, reads = 0, bad = [];
parentPort.on("message", () => { stop = true; });
parentPort.postMessage("ready");
(function loop() {
  for (let i = 0; i < 200; i++) {
    let text;
    try { text = readFileSync(workerData.file, "utf8"); } catch { continue; }
    reads++;
    const want = Number(text.slice(0, text.indexOf("\\n")));
    if (!(want > 0 && text.length === want)) bad.push(text.length);
  }
  if (stop) parentPort.postMessage({ reads, bad: bad.slice(0, 5), badCount: bad.length });
  else setImmediate(loop);
})();
`;

function version(n: number): string {
  const body = `# v${n}\n${"dualhome_sockets 1\n".repeat(20_000 + n * 997)}`;
  const head = (len: number) => `${len}\n`;
  let total = body.length + head(body.length).length;
  total = body.length + head(total).length;
  return head(total) + body;
}

describe("writeTextfile", () => {
  it("a reader never sees a partial file while it is replaced again and again", async () => {
    const dir = tempDir();
    const file = path.join(dir, "dualhome.prom");
    await writeTextfile(dir, version(0));
    const worker = new Worker(READER, { eval: true, workerData: { file } });
    await new Promise((r) => worker.once("message", r));
    for (let i = 1; i <= 40; i++) await writeTextfile(dir, version(i));
    const seen = new Promise<{ reads: number; bad: number[]; badCount: number }>((r) =>
      worker.once("message", r),
    );
    worker.postMessage("stop");
    const result = await seen;
    await worker.terminate();
    expect(result.reads).toBeGreaterThan(0);
    expect(result).toMatchObject({ badCount: 0 });
    expect(readFileSync(file, "utf8")).toBe(version(40));
    // Only the file itself is left: no temp file behind.
    expect(readdirSync(dir)).toEqual(["dualhome.prom"]);
  });

  it("is readable by node_exporter's user whatever the umask", async () => {
    const dir = tempDir();
    const old = process.umask(0o077);
    try {
      await writeTextfile(dir, "dualhome_up 1\n");
    } finally {
      process.umask(old);
    }
    expect(statSync(path.join(dir, "dualhome.prom")).mode & 0o777).toBe(0o644);
  });

  it("replaces a link planted under the name, never writes through it", async () => {
    const dir = tempDir();
    const target = path.join(tempDir(), "victim");
    writeFileSync(target, "precious\n");
    symlinkSync(target, path.join(dir, "dualhome.prom"));
    await writeTextfile(dir, "dualhome_up 1\n");
    expect(readFileSync(target, "utf8")).toBe("precious\n");
    expect(lstatSync(path.join(dir, "dualhome.prom")).isFile()).toBe(true);
  });

  it("says which file could not be written and leaves no temp file", async () => {
    const dir = tempDir();
    const sub = path.join(dir, "gone");
    await expect(writeTextfile(sub, "x\n")).rejects.toThrow(
      `cannot write ${path.join(sub, "dualhome.prom")}`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("checkTextfileDir", () => {
  it("refuses a directory that does not exist, or a file, with one line", () => {
    const dir = tempDir();
    expect(() => checkTextfileDir(path.join(dir, "nope"))).toThrow(TextfileDirError);
    expect(() => checkTextfileDir(path.join(dir, "nope"))).toThrow(
      /: no such directory \(name node_exporter's/,
    );
    writeFileSync(path.join(dir, "f"), "");
    expect(() => checkTextfileDir(path.join(dir, "f"))).toThrow(/: not a directory/);
    expect(() => checkTextfileDir(dir)).not.toThrow();
  });

  it.runIf(process.getuid?.() !== 0)("refuses a directory it cannot write in", () => {
    const dir = tempDir();
    chmodSync(dir, 0o555);
    expect(() => checkTextfileDir(dir)).toThrow(/cannot write in it/);
  });
});
