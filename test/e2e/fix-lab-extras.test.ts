// `dualhome fix` in the Linux lab with the expert extras turned on: the source
// rule is kept, the ARP step is reverted with n, both are in the journal, and
// `dualhome undo` on the command line then removes the rule and its table, and the
// fix's routes with them (one undo reverts the whole fix).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptEverything, finish } from "./fix-drive.js";
import { fixLab, labReady, whyNot } from "./fix-lab-setup.js";

if (!labReady) console.warn(`fix lab extras test skipped: ${whyNot}`);
const lab = fixLab("fx");

beforeAll(async () => {
  if (labReady) await lab.up();
}, 180_000);
afterAll(() => lab.down());

describe.skipIf(!labReady)("dualhome fix in the lab with the extras (tmux, root, network namespaces)", () => {
  it("source rule kept, ARP reverted with n; journaled; undo removes the rule", async () => {
    await lab.startFix();
    const proof = await acceptEverything(
      lab.session,
      /192\.168\.1\.254 {2}\(suggested: in eth\d's ARP table/,
      {
        turnOn: [/source rule and table/, /ARP: each card/],
        answer: (title) => (title.startsWith("ARP") ? "n" : "c"),
      },
    );
    expect(proof).toMatch(/proven: 10\.1\.1\.20:5061 connected in \d+ ms from 192\.168\.1\.11 via eth1/);
    await finish(lab.session);

    const rule = () => /from 192\.168\.1\.11 lookup (\d+)/.exec(lab.inServer("ip", "rule", "show"))?.[1];
    const table = rule();
    expect(table).toBeDefined();
    expect(lab.inServer("sysctl", "-n", "net.ipv4.conf.all.arp_ignore").trim()).toBe("0");

    const entries = JSON.parse(lab.cli("journal", "--json")).entries as {
      kind: string;
      status: string;
      title?: string;
    }[];
    expect(entries.map((e) => [e.kind, e.status])).toEqual([
      ["route", "kept"],
      ["route", "kept"],
      ["route", "kept"],
      ["commands", "kept"],
      ["commands", "reverted"],
    ]);
    const summary = readFileSync(
      join(lab.dir, readdirSync(lab.dir).find((f) => f.endsWith(".txt")) ?? ""),
      "utf8",
    );
    expect(summary).toMatch(/its revert \(journal [0-9a-f]{8}\), which `dualhome undo` runs in turn:/);
    expect(summary).toMatch(
      /ARP: each card .*: reverted \(journal [0-9a-f]{8}\) .*: reverted by the operator/,
    );

    // The newest applied change is the source rule, a step of the fix: undo takes the whole fix,
    // newest first: the rule with every command of it, then the three routes.
    const undo = lab.cli("undo", "--yes");
    expect(undo).toMatch(/is a step of guided fix fix-[0-9a-f]{8}: undo reverts its 4 applied changes/);
    expect(undo).toMatch(/reverted: source rule and table/);
    expect(undo.match(/reverted and verified: /g)?.length).toBe(3);
    expect(rule()).toBeUndefined();
    expect(lab.inServer("ip", "route", "show", "10.0.0.0/8")).toBe("");
    expect(lab.inServer("ip", "route", "show", "table", table as string)).toBe("");
    await lab.session.type("q");
  }, 180_000);
});
