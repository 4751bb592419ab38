// `dualhome fix --demo` in a real terminal: a person who has never seen the tool
// presses Enter on every suggestion, y and c on every step, and gets the
// summary with the proof. Runs in a temporary directory, where the policy file lands.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePolicyText } from "../../src/core/policy.js";
import { acceptEverything, finish, removeSocket, startIn } from "./fix-drive.js";
import { ensureBuilt, hasTmux, ROOT, TmuxSession } from "./tmux-driver.js";

const dir = mkdtempSync(join(tmpdir(), "dualhome-fix-demo-"));
const s = new TmuxSession(`dualhome-fix-demo-${process.pid}`);
let socket = "";

beforeAll(async () => {
  if (hasTmux) await ensureBuilt();
}, 180_000);

afterAll(async () => {
  await s.kill();
  await s.tmux("kill-server").catch(() => undefined);
  if (socket) removeSocket(socket);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)(
  "dualhome fix --demo in a real terminal (tmux; skipped only when tmux is not installed)",
  () => {
    it("Enter on the suggestions, y and c: the summary shows the proof from 192.168.1.11 via int", async () => {
      socket = await startIn(s, dir, ["node", join(ROOT, "bin", "dualhome.js"), "fix", "--demo"]);
      const proof = await acceptEverything(s, /192\.168\.1\.254 {2}\(suggested: in int's ARP table\)/);
      expect(proof).toMatch(/proven: 10\.1\.1\.2[01]:5061 connected in \d+ ms from 192\.168\.1\.11 via int/);
      const done = await finish(s);
      expect(done).toContain(`policy file: ${join(dir, "dualhome-policy.yaml")}`);
      expect(done).toMatch(/proven: 10\.1\.1\.2[01]:5061 connected .*from 192\.168\.1\.11 via int/);

      const policy = parsePolicyText(
        readFileSync(join(dir, "dualhome-policy.yaml"), "utf8"),
        "dualhome-policy.yaml",
      );
      expect(policy.ok && policy.policy.rules[0]).toEqual({
        name: "internal",
        destinations: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
        interface: "int",
        gateway: "192.168.1.254",
      });
      const summaryName = readdirSync(dir).find((f) => /^dualhome-fix-\d{8}-\d{6}\.txt$/.test(f));
      expect(summaryName).toBeDefined();
      const summary = readFileSync(join(dir, summaryName ?? ""), "utf8");
      expect(summary).toMatch(
        /OK: 10\.1\.1\.2[01]:5061 connected in \d+ ms from 192\.168\.1\.11 via int \(gateway 192\.168\.1\.254\) at \d\d:\d\d:\d\d UTC/,
      );
      expect(summary).toContain("route add 10.0.0.0 mask 255.0.0.0 192.168.1.254 IF 65540 -p");

      await s.type("q");
      expect(await s.waitForState("#{pane_dead}", "1")).toBe("1");
      // The summary stays in the terminal after the wizard closes, for copying.
      const after = (await s.tmux("capture-pane", "-p", "-S", "-200", "-t", s.name)).stdout;
      expect(after).toContain(`This summary: ${join(dir, summaryName ?? "")}`);
      expect(existsSync(join(dir, "dualhome-policy.yaml.bak"))).toBe(false);
    }, 120_000);
  },
);
