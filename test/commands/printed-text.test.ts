// What the real executable prints from a hostile saved file: commands that paste back
// to exactly their argv, and no control character reaching the terminal raw.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RAW_CONTROL } from "../helpers/raw-control.js";

const BIN = path.resolve(import.meta.dirname, "../../bin/dualhome.js");
const dir = mkdtempSync(path.join(tmpdir(), "dh-print-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const card = (index: number, name: string, local: string) => ({
  ifindex: index,
  ifname: name,
  flags: ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"],
  operstate: "UP",
  addr_info: [{ family: "inet", local, prefixlen: 24, scope: "global" }],
});
// Names the kernel accepts (no "/", no whitespace, at most 15 bytes), as `ip` prints them.
const TITLE = "e\x1b]0;owned\x07";
const CLEAR = "c\x1b[2J\x9b1m";
function write(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}
const files = {
  route: write(
    "route.txt",
    [
      "10.9.0.0/16 via 192.168.50.1 dev x;id|sh",
      "192.168.50.0/24 dev x;id|sh proto kernel scope link src 192.168.50.10",
      "192.168.50.0/24 dev $(id>&2) proto kernel scope link src 192.168.50.11",
      `10.7.0.0/16 via 192.168.60.1 dev ${TITLE}`,
      `192.168.60.0/24 dev ${TITLE} proto kernel scope link src 192.168.60.10`,
      `192.168.60.0/24 dev ${CLEAR} proto kernel scope link src 192.168.60.11`,
      "",
    ].join("\n"),
  ),
  addr: write(
    "addr.json",
    JSON.stringify([
      card(2, "x;id|sh", "192.168.50.10"),
      card(3, "$(id>&2)", "192.168.50.11"),
      card(4, TITLE, "192.168.60.10"),
      card(5, CLEAR, "192.168.60.11"),
    ]),
  ),
  policy: write(
    "policy.json",
    JSON.stringify({
      rules: [
        { destinations: ["10.9.0.0/16"], interface: "$(id>&2)", gateway: "192.168.50.1" },
        { destinations: ["10.7.0.0/16"], interface: CLEAR, gateway: "192.168.60.1" },
      ],
    }),
  ),
};

function analyzeText() {
  const r = spawnSync(
    process.execPath,
    [
      BIN,
      "--policy",
      files.policy,
      "analyze",
      "--platform",
      "linux",
      "--ip-route",
      files.route,
      "--ip-addr",
      files.addr,
    ],
    { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The argv dash builds from a pasted line (its program replaced by printf). */
function pasted(line: string): string[] {
  const [, ...rest] = line.split(" ");
  return execFileSync("dash", ["-c", `printf '%s\\0' ${rest.join(" ")}`], { encoding: "utf8" })
    .split("\0")
    .slice(0, -1);
}

describe("analyze of a hostile saved file", () => {
  const r = analyzeText();

  it("prints every fix line quoted: pasted into sh, it is exactly the command", () => {
    expect(r.code, r.stderr).toBe(1);
    const fixes = r.stdout
      .split("\n")
      .filter((l) => l.includes("fix: ip route"))
      .map((l) => l.replace(/^\s*fix: /, ""));
    expect(fixes).toContain("ip route add 10.9.0.0/16 via 192.168.50.1 dev '$(id>&2)'");
    expect(fixes).toContain("ip route del 10.9.0.0/16 via 192.168.50.1 dev 'x;id|sh'");
    for (const line of fixes.filter((l) => l.includes("10.9.0.0"))) {
      execFileSync("sh", ["-n", "-c", line]);
      const argv = pasted(line);
      expect(argv.slice(0, 6)).toEqual([
        "route",
        line.split(" ")[2],
        "10.9.0.0/16",
        "via",
        "192.168.50.1",
        "dev",
      ]);
      expect(["$(id>&2)", "x;id|sh"]).toContain(argv[6]);
      expect(argv).toHaveLength(7);
    }
  });

  it("sends no control character to the terminal: each is shown escaped", () => {
    for (const text of [r.stdout, r.stderr]) expect(text).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain("e\\x1b]0;owned\\x07");
    expect(r.stdout).toContain("c\\x1b[2J\\x9b1m");
  });

  it("keeps JSON valid and exact, with C1 characters escaped too", () => {
    const j = spawnSync(
      process.execPath,
      [BIN, "analyze", "--platform", "linux", "--ip-addr", files.addr, "--json"],
      { encoding: "utf8" },
    );
    expect(j.stdout).not.toMatch(RAW_CONTROL);
    const names = JSON.parse(j.stdout).interfaces.map((i: { name: string }) => i.name);
    expect(names).toEqual(["x;id|sh", "$(id>&2)", TITLE, CLEAR]);
  });

  it("cuts a huge echoed argument in an error", () => {
    const big = `${"A".repeat(100_000)}\x1b[2J`;
    const e = spawnSync(process.execPath, [BIN, "analyze", "--platform", big, "--ip-addr", files.addr], {
      encoding: "utf8",
    });
    expect(e.status).toBe(2);
    expect(e.stderr.length).toBeLessThan(400);
    expect(e.stderr).toMatch(
      /--platform must be windows, linux or darwin \(got A+… \(\d+ more characters\)\)/,
    );
  });
});
