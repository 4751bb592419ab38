// Card names the kernel allows but a shell reads as code (`x;id|sh`, `$(id>&2)`) or a
// terminal obeys (ESC sequences): snapshot's fix lines paste and run as exactly the
// printed command (run here, inside the test namespace), and nothing reaches the
// terminal raw. Before, the fix line was `dev $(id>&2)` unquoted, and `ip -json`
// output with an ESC in a name failed the whole interfaces part.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RAW_CONTROL } from "../helpers/raw-control.js";
import { BIN } from "./lab-helpers.js";
import { canUseNamespaces, delNamespace, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
const NS = uniqueName("dhodd");
const A = "x;id|sh";
const B = "$(id>&2)";
const TITLE = "t\x1b]0;X\x07";
const CLEAR = "e\x1b[2J";
const dir = mkdtempSync(path.join(tmpdir(), "dh-odd-"));
const POLICY = path.join(dir, "policy.json");

const snapshot = (...args: string[]) => {
  const r = spawnSync(
    "ip",
    ["netns", "exec", NS, process.execPath, BIN, "--policy", POLICY, "snapshot", ...args],
    {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe.skipIf(!can.ok)("odd card names on a real kernel", () => {
  beforeAll(() => {
    execFileSync("ip", ["netns", "add", NS]);
    ipn(NS, "link", "set", "lo", "up");
    ipn(NS, "link", "add", A, "type", "veth", "peer", "name", B);
    ipn(NS, "link", "add", CLEAR, "type", "veth", "peer", "name", TITLE);
    for (const [dev, a] of [
      [A, "192.168.50.10/24"],
      [B, "192.168.50.11/24"],
    ] as const) {
      ipn(NS, "link", "set", dev, "up");
      ipn(NS, "addr", "add", a, "dev", dev);
    }
    ipn(NS, "route", "add", "10.9.0.0/16", "via", "192.168.50.1", "dev", A);
    writeFileSync(
      POLICY,
      JSON.stringify({ rules: [{ destinations: ["10.9.0.0/16"], interface: B, gateway: "192.168.50.1" }] }),
    );
  });
  afterAll(() => {
    delNamespace(NS);
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads every card, ESC in its name or not, and prints none raw", () => {
    const j = JSON.parse(snapshot("--json").stdout);
    expect(j.parts.interfaces.ok).toBe(true);
    expect(j.interfaces.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining([A, B, TITLE, CLEAR]),
    );
    const t = snapshot();
    expect(t.stdout).not.toMatch(RAW_CONTROL);
    expect(t.stderr).not.toMatch(RAW_CONTROL);
    expect(t.stdout).toContain("t\\x1b]0;X\\x07");
  });

  it("the printed fix, pasted into sh, makes exactly the change and runs nothing else", () => {
    const t = snapshot();
    const fixes = [
      ...new Set(
        t.stdout
          .split("\n")
          .filter((l) => l.includes("fix: ip route"))
          .map((l) => l.trim().slice(5)),
      ),
    ];
    expect(fixes).toEqual([
      "ip route del 10.9.0.0/16 via 192.168.50.1 dev 'x;id|sh'",
      "ip route add 10.9.0.0/16 via 192.168.50.1 dev '$(id>&2)'",
    ]);
    for (const line of fixes) {
      const r = spawnSync("ip", ["netns", "exec", NS, "sh", "-c", line], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/uid=/);
    }
    expect(ipn(NS, "route", "show", "10.9.0.0/16")).toBe("10.9.0.0/16 via 192.168.50.1 dev $(id>&2) \n");
  });
});
