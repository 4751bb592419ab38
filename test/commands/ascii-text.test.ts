// --ascii reaches the CLI's text (issue 15 polish), not only the live screen: every
// byte printed is 7-bit ASCII, arrows and dots spelled out; JSON keeps the same
// data with the rest escaped as \uXXXX.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Ctx, printJson } from "../../src/commands/context.js";
import { runCli } from "./run-cli.js";

const F = (p: string) => path.resolve(import.meta.dirname, "../fixtures", p);
const POLICY = F("story/policy.json");
const ARGS = [
  "analyze",
  "--platform",
  "windows",
  "--route-print",
  F("story/ws2019-route-print.txt"),
  "--netstat",
  F("story/ws2019-netstat-ano.txt"),
  "--ipconfig",
  F("story/ws2019-ipconfig-all.txt"),
];
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for anything outside 7-bit ASCII
const NON_ASCII = /[^\x00-\x7f]/;

describe("--ascii in the CLI", () => {
  it("analyze's text: Unicode without it, 7-bit ASCII with it (as an option or DUALHOME_ASCII=1)", async () => {
    const plain = await runCli(["--policy", POLICY, ...ARGS]);
    expect(plain.stdout).toMatch(NON_ASCII);
    for (const r of [
      await runCli(["--policy", POLICY, "--ascii", ...ARGS]),
      await runCli(["--policy", POLICY, ...ARGS, "--ascii"]),
      await runCli(["--policy", POLICY, ...ARGS], { env: { DUALHOME_ASCII: "1" } }),
    ]) {
      expect(r.code, r.stderr).toBe(plain.code);
      expect(r.stdout).not.toMatch(NON_ASCII);
      expect(r.stderr).not.toMatch(NON_ASCII);
      expect(r.stdout).toContain(" | ");
      expect(r.stdout.split("\n").length).toBe(plain.stdout.split("\n").length);
    }
  });

  it("JSON: the same data, non-ASCII escaped", async () => {
    const plain = await runCli(["--policy", POLICY, ...ARGS, "--json"]);
    const ascii = await runCli(["--policy", POLICY, "--ascii", ...ARGS, "--json"]);
    expect(ascii.stdout).not.toMatch(NON_ASCII);
    const data = (text: string) => ({ ...JSON.parse(text), takenAt: null });
    expect(data(ascii.stdout)).toEqual(data(plain.stdout));
    let out = "";
    const ctx = { out: (t: string) => (out += t), ascii: true } as unknown as Ctx;
    printJson(ctx, { card: "イーサネット 2", emoji: "🖧" });
    expect(out).not.toMatch(NON_ASCII);
    expect(JSON.parse(out)).toEqual({ card: "イーサネット 2", emoji: "🖧" });
  });
});
