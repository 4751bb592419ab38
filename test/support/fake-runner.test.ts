import { describe, expect, it } from "vitest";
import { CommandError } from "../../src/system/exec/runner-types.js";
import { FakeRunner } from "./fake-runner.js";

describe("FakeRunner", () => {
  it("answers expected commands and records calls", async () => {
    const f = new FakeRunner().expect(["ip", "-json", "addr", "show"], { stdout: "[]" });
    await expect(f.run(["ip", "-json", "addr", "show"])).resolves.toEqual({
      stdout: "[]",
      stderr: "",
      exitCode: 0,
    });
    expect(f.calls).toEqual([["ip", "-json", "addr", "show"]]);
    f.assertDone();
  });

  it("rejects an unexpected argv and names it", async () => {
    const f = new FakeRunner().expect(["ss", "-tuan"], { stdout: "" });
    await expect(f.run(["ss", "-tuanp"])).rejects.toThrow(/unexpected command \["ss","-tuanp"\]/);
    expect(f.calls).toEqual([["ss", "-tuanp"]]);
  });

  it("the same argv may be expected several times, answered in order, and not more", async () => {
    const f = new FakeRunner().expect(["true"], { stdout: "1" }).expect(["true"], { stdout: "2" });
    expect((await f.run(["true"])).stdout).toBe("1");
    expect(() => f.assertDone()).toThrow(/\["true"\]/);
    expect((await f.run(["true"])).stdout).toBe("2");
    f.assertDone();
    await expect(f.run(["true"])).rejects.toThrow(/unexpected/);
  });

  it("assertDone lists what was never run", () => {
    const f = new FakeRunner().expect(["a"], {}).expect(["b"], {}).expect(["b"], {});
    expect(() => f.assertDone()).toThrow(/\["a"\], \["b"\] ×2/);
  });

  it("fails like the real runner: CommandError answers and non-zero exits reject", async () => {
    const err = new CommandError("ss not found: install iproute2", "not-found", ["ss"]);
    const f = new FakeRunner()
      .expect(["ss"], err)
      .expect(["ip"], { exitCode: 2, stderr: "Error: boom\nmore" });
    await expect(f.run(["ss"])).rejects.toBe(err);
    await expect(f.run(["ip"])).rejects.toMatchObject({
      kind: "failed",
      exitCode: 2,
      message: "ip failed: Error: boom",
    });
  });

  it("an aborted signal cancels", async () => {
    const f = new FakeRunner().expect(["x"], {});
    const ac = new AbortController();
    ac.abort();
    await expect(f.run(["x"], { signal: ac.signal })).rejects.toMatchObject({ kind: "cancelled" });
  });
});
