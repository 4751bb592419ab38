// `dualhome export` on the command line, in-process on the simulated server: what
// --once prints or writes, and the one-line refusals before anything polls.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "dh-export-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** name{labels} value lines of the text format, as a map. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

describe("dualhome export", () => {
  it("--demo --once prints the documented metrics of the simulated server and exits 0", async () => {
    const r = await runCli(["export", "--demo", "--once"]);
    expect(r.code, r.stderr).toBe(0);
    const s = samples(r.stdout);
    expect(s.get('dualhome_build_info{version="0.1.0",platform="simulated",collector="simulated"}')).toBe(1);
    for (const part of ["interfaces", "routes", "rules", "connections", "sysctls"])
      expect(s.get(`dualhome_up{part="${part}"}`)).toBe(1);
    // The demo's story: the internal SIP flows leave by the internet card.
    expect(s.get('dualhome_flows{verdict="wrong-nic",card="ext"}')).toBeGreaterThan(0);
    expect(s.get('dualhome_findings{id="wrong-nic-route",severity="error"}')).toBeGreaterThan(0);
    expect(s.get('dualhome_routes{family="ipv4"}')).toBeGreaterThan(0);
    expect(s.get('dualhome_default_gateways{family="ipv4"}')).toBe(1);
    for (const name of [
      "dualhome_stuck_syn",
      "dualhome_sockets",
      "dualhome_last_poll_timestamp_seconds",
      "dualhome_last_poll_duration_seconds",
      "dualhome_last_poll_age_seconds",
    ])
      expect(s.has(name), name).toBe(true);
    expect(s.get("dualhome_polls_total")).toBe(1);
    expect(s.get("dualhome_poll_errors_total")).toBe(0);
  });

  it("--once --textfile writes DIR/dualhome.prom and prints nothing", async () => {
    const r = await runCli(["export", "--demo", "--once", "--textfile", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual(["dualhome.prom"]);
    expect(
      samples(readFileSync(path.join(dir, "dualhome.prom"), "utf8")).get('dualhome_up{part="routes"}'),
    ).toBe(1);
  });

  it.each([
    [["--textfile", path.join(dir, "missing")], /--textfile .*missing: no such directory/],
    [["--every", "0"], /--every "0" is not a number of seconds from 1 to 86400/],
    [["--every", "1.5"], /--every "1.5" is not/],
    [["--listen", "::1:9877"], /an IPv6 address goes in brackets/],
    [["--once", "--listen", "9877"], /--once .* does not serve; drop --listen/],
  ])("refuses %j with one line and exit 2", async (args, why) => {
    const r = await runCli(["export", "--demo", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(why);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });

  it("a --textfile that is a file is refused", async () => {
    const file = path.join(dir, "plain");
    writeFileSync(file, "");
    const r = await runCli(["export", "--demo", "--textfile", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a directory/);
  });

  it("a port in use is named, with what to do", async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await runCli(["export", "--demo", "--listen", `127.0.0.1:${port}`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`dualhome: 127.0.0.1:${port} is in use: pick another with --listen\n`);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });

  it("--help names every option and the default address", async () => {
    const r = await runCli(["export", "--help"]);
    for (const o of ["--listen", "--textfile", "--every", "--once", "--demo", "127.0.0.1:9877", "README.md"])
      expect(r.stdout).toContain(o);
  });
});
