// The guided fix's output files on the real file system: a link in place of the
// output (even a dangling one) is refused and its target never created.
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nodeFixFiles } from "../../src/system/fix-files.js";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dh-fixfiles-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("nodeFixFiles", () => {
  it("a dangling link in place of the policy file is refused, never written through", async () => {
    const target = path.join(dir, "elsewhere", "passwd");
    symlinkSync(target, path.join(dir, "dualhome-policy.yaml"));
    await expect(nodeFixFiles(dir).write("dualhome-policy.yaml", "rules: []\n")).rejects.toThrow(
      `${path.join(dir, "dualhome-policy.yaml")} is a symbolic link: not written through; remove it or choose another file name`,
    );
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(path.join(dir, "dualhome-policy.yaml")).isSymbolicLink()).toBe(true);
  });

  it("a link to an existing file is refused and the file is left as it was", async () => {
    const target = path.join(dir, "precious");
    writeFileSync(target, "keep me\n");
    symlinkSync(target, path.join(dir, "summary.txt"));
    await expect(nodeFixFiles(dir).write("summary.txt", "x")).rejects.toThrow(/is a symbolic link/);
    expect(readFileSync(target, "utf8")).toBe("keep me\n");
  });

  it("an existing file is kept as .bak, and the new one written in its place", async () => {
    writeFileSync(path.join(dir, "p.yaml"), "old\n");
    const w = await nodeFixFiles(dir).write("p.yaml", "new\n");
    expect(w).toEqual({ path: path.join(dir, "p.yaml"), backup: path.join(dir, "p.yaml.bak") });
    expect(readFileSync(path.join(dir, "p.yaml"), "utf8")).toBe("new\n");
    expect(readFileSync(path.join(dir, "p.yaml.bak"), "utf8")).toBe("old\n");
  });
});
