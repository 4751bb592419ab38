// `lab --prefix` is validated before any namespace exists: `a b` used to make namespaces
// that `lab down --prefix 'a b'` could not find again.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BIN = path.resolve(import.meta.dirname, "../../bin/dualhome.js");
// Only the names the lab would make from this prefix ("<prefix>-server", ...): other tests
// running at the same time make and remove namespaces of their own.
const namespaces = (prefix: string) => {
  try {
    const all = execFileSync("ip", ["netns", "list"], { encoding: "utf8" }).split("\n");
    return all.filter((line) => line.startsWith(`${prefix}-`));
  } catch {
    return [];
  }
};

describe("lab --prefix", () => {
  it.each(["a b", "x/y", "-dash", "", "é", "toolong-prefix-123", "a;b"])(
    "refuses %j and makes nothing",
    (prefix) => {
      const before = namespaces(prefix);
      for (const action of ["up", "down", "status"]) {
        const r = spawnSync(process.execPath, [BIN, "lab", action, "--prefix", prefix], { encoding: "utf8" });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(
          /--prefix .*: use 1 to 16 letters, digits or dashes, starting with a letter\n$/,
        );
      }
      expect(namespaces(prefix)).toEqual(before);
    },
  );
});
