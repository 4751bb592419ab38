// --policy read from real files: as Notepad and PowerShell save them, and bounded
// when the file is not a policy at all.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../../src/commands/context.js";
import { loadPolicy } from "../../src/commands/policy-load.js";

const dir = mkdtempSync(path.join(tmpdir(), "dh-policy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, data: Buffer | string) => {
  const f = path.join(dir, name);
  writeFileSync(f, data);
  return f;
};
const POLICY = { rules: [{ destinations: ["10.0.0.0/8"], interface: "eth1", gateway: "192.168.1.254" }] };
const JSON_TEXT = JSON.stringify(POLICY);
const YAML_TEXT = "rules:\n  - destinations: [10.0.0.0/8]\n    interface: eth1\n    gateway: 192.168.1.254\n";

async function refusal(file: string): Promise<string> {
  try {
    await loadPolicy(file);
  } catch (e) {
    if (e instanceof CliError) return e.message;
    throw e;
  }
  throw new Error("expected the policy to be refused");
}

describe("loadPolicy", () => {
  it.each([
    [
      "UTF-8 with a BOM (Notepad)",
      "bom.json",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON_TEXT)]),
    ],
    [
      "UTF-8 YAML with a BOM",
      "bom.yaml",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(YAML_TEXT)]),
    ],
    [
      "UTF-16LE with a BOM (PowerShell 5.1 >)",
      "u16.json",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON_TEXT, "utf16le")]),
    ],
    [
      "UTF-16BE with a BOM",
      "u16be.yaml",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(YAML_TEXT, "utf16le").swap16()]),
    ],
  ])("reads %s", async (_what, name, data) => {
    const r = await loadPolicy(put(name, data));
    expect(r.policy?.rules[0]).toMatchObject({ destinations: ["10.0.0.0/8"], interface: "eth1" });
  });

  it("a binary file is one line, not megabytes of errors", async () => {
    const m = await refusal(put("binary", randomBytes(512 * 1024)));
    expect(m).toMatch(/^policy .*binary is not text .*: is it the right file\?$/);
  });

  it("a file above 1 MB is refused before it is parsed", async () => {
    const m = await refusal(put("huge.yaml", `# ${"x".repeat(2 * 1024 * 1024)}\n${YAML_TEXT}`));
    expect(m).toMatch(/is larger than 1 MB/);
  });

  it("shows the first 20 errors and counts the rest, each one cut", async () => {
    const rules = Array.from({ length: 500 }, (_, i) => ({
      destinations: [`nope-${i}-${"y".repeat(1500)}`],
      interface: "eth1",
    }));
    const m = await refusal(put("bad.json", JSON.stringify({ rules })));
    const lines = m.split("\n");
    expect(lines).toHaveLength(22);
    expect(lines[21]).toBe("  … and 480 more");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(400);
  });
});
