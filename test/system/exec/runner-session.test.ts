// Runs a real child (this Node binary) to check the long-lived session plumbing:
// only local pipes, no network.
import { describe, expect, it } from "vitest";
import { spawnSession } from "../../../src/system/exec/runner-session.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";

/** A tiny line-oriented "shell": echoes each line back, 'END x' prints the marker x, 'EXIT' quits. */
const ECHO = `
let buf = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf("\\n")) >= 0) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    if (line === "EXIT") process.exit(3);
    if (line.startsWith("END ")) process.stdout.write(line.slice(4) + "\\r\\n");
    else if (line.startsWith("SLOW ")) setTimeout(() => process.stdout.write(line.slice(5) + "\\n"), 50);
    else process.stdout.write("got " + line + "\\n");
  }
});
`;

const spawnEcho = () => spawnSession([process.execPath, "-e", ECHO]);

describe("spawnSession", () => {
  it("reads up to a marker line, and the next read starts after it", async () => {
    const s = spawnEcho();
    try {
      s.write("a\nb\nEND MARK1\n");
      expect(await s.readUntil("MARK1", 5000)).toBe("got a\ngot b\n");
      s.write("c\nEND MARK2\n");
      expect(await s.readUntil("MARK2", 5000)).toBe("got c\n");
    } finally {
      await s.close();
    }
  });

  it("does not take the marker inside a longer line", async () => {
    const s = spawnEcho();
    try {
      s.write("xMARKx\nEND MARK\n");
      expect(await s.readUntil("MARK", 5000)).toBe("got xMARKx\n");
    } finally {
      await s.close();
    }
  });

  it("rejects with a timeout CommandError when the marker never comes", async () => {
    const s = spawnEcho();
    try {
      s.write("SLOW late\n");
      await expect(s.readUntil("NEVER", 200)).rejects.toMatchObject({ kind: "timeout" });
    } finally {
      await s.close();
    }
  });

  it("rejects when the child exits, and after close", async () => {
    const s = spawnEcho();
    s.write("EXIT\n");
    const err = await s.readUntil("NEVER", 5000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).message).toMatch(/exited \(3\)/);
    await s.close();
    await expect(s.readUntil("X", 100)).rejects.toBeInstanceOf(CommandError);
  });

  it("says when the program does not exist", async () => {
    const s = spawnSession(["dualhome-no-such-program-xyz"]);
    await expect(s.readUntil("X", 5000)).rejects.toMatchObject({ kind: "not-found" });
    await s.close();
  });
});
