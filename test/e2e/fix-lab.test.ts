// `dualhome fix` for real, in the Linux lab of the story (docs/ARCHITECTURE.md, "The story") built out of network
// namespaces with a unique prefix: run in tmux inside the server namespace, with
// its own state directory and a temporary working directory for the policy file.
// Traffic goes only between the lab's own namespaces.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePolicyText } from "../../src/core/policy.js";
import { acceptEverything, finish } from "./fix-drive.js";
import { fixLab, labReady, whyNot } from "./fix-lab-setup.js";

if (!labReady) console.warn(`fix lab test skipped: ${whyNot}`);
const lab = fixLab("fix");
const { dir, session: s } = lab;

beforeAll(async () => {
  if (labReady) await lab.up();
}, 180_000);
afterAll(() => lab.down());

describe.skipIf(!labReady)("dualhome fix in the Linux lab (tmux, root, network namespaces)", () => {
  it("Enter on the suggestions, y and c: pinned on eth1, proven from 192.168.1.11 via eth1, policy written here", async () => {
    await lab.startFix();
    const proof = await acceptEverything(s, /192\.168\.1\.254 {2}\(suggested: in eth\d's ARP table/);
    expect(proof).toMatch(
      /proven: 10\.1\.1\.20:5061 connected in \d+ ms from 192\.168\.1\.11 via eth1 \(gateway 192\.168\.1\.254\)/,
    );
    const done = await finish(s);
    expect(done).toContain(`policy file: ${join(dir, "dualhome-policy.yaml")}`);

    // The kernel's own table and the journal agree with the screen.
    const table = execFileSync("ip", ["-n", lab.server, "route", "show"], { encoding: "utf8" });
    expect(table).toMatch(/^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m);
    const journal = JSON.parse(lab.cli("journal", "--json")).entries as {
      status: string;
    }[];
    expect(journal.map((e) => e.status)).toEqual(["kept", "kept", "kept"]);

    const policy = parsePolicyText(
      readFileSync(join(dir, "dualhome-policy.yaml"), "utf8"),
      "dualhome-policy.yaml",
    );
    expect(policy.ok && policy.policy.rules[0]).toMatchObject({
      interface: "eth1",
      gateway: "192.168.1.254",
    });
    const summaryName = readdirSync(dir).find((f) => /^dualhome-fix-.*\.txt$/.test(f)) ?? "";
    const summary = readFileSync(join(dir, summaryName), "utf8");
    expect(summary).toMatch(/OK: 10\.1\.1\.20:5061 connected in \d+ ms from 192\.168\.1\.11 via eth1/);
    expect(summary).toContain("ip route add 10.0.0.0/8 via 192.168.1.254 dev eth1");

    // With the policy written, the next check is clean of wrong-card flows for the internal ranges.
    const check = JSON.parse(lab.cli("--policy", join(dir, "dualhome-policy.yaml"), "check", "--json"));
    expect(check.findings.filter((f: { id: string }) => f.id === "wrong-nic-route")).toEqual([]);

    await s.type("q");
    expect(await s.waitForState("#{pane_dead}", "1")).toBe("1");
  }, 180_000);
});
