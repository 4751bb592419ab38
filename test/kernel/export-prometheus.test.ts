// `dualhome export` scraped by a real Prometheus: the lab's server namespace runs the
// built executable and Prometheus side by side on its own loopback, and the test reads
// the metrics back through Prometheus' HTTP API, with the README's alert rules loaded.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cli, eventually } from "./lab-helpers.js";
import { canUseNamespaces, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
const prometheus = spawnSync("prometheus", ["--version"], { stdio: "ignore" }).status === 0;
const promtool = spawnSync("promtool", ["--version"], { stdio: "ignore" }).status === 0;
if (!can.ok) console.warn(`export-prometheus tests skipped: ${can.reason}`);
else if (!prometheus)
  console.warn("export-prometheus tests skipped: no prometheus on PATH (Debian: apt-get install prometheus)");

const ROOT = path.resolve(import.meta.dirname, "../..");
const POLICY = path.join(ROOT, "test/fixtures/lab/policy.yaml");
const PROM_PORT = 9090;

/** The alert rules exactly as README.md shows them. */
function readmeRules(): string {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const m = /Example alert rules[^\n]*\n\n```yaml\n([\s\S]*?)```/.exec(readme);
  if (!m?.[1]) throw new Error("README.md has no example alert rules block");
  return m[1];
}

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

interface Started {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startIn(ns: string, argv: string[]): Started {
  const child = spawn("ip", ["netns", "exec", ns, ...argv], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let err = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, stderr: () => err, exited };
}

async function stop(p: Started | null): Promise<number | null> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return p?.child.exitCode ?? null;
  p.child.kill("SIGTERM");
  const late = setTimeout(() => p.child.kill("SIGKILL"), 15_000);
  const code = await p.exited;
  clearTimeout(late);
  return code;
}

describe.runIf(can.ok && prometheus)("dualhome export scraped by a real Prometheus", () => {
  const prefix = uniqueName("dhx");
  const server = `${prefix}-server`;
  const tmp = mkdtempSync(path.join(tmpdir(), "dh-export-prom-"));
  let exporter: Started | null = null;
  let prom: Started | null = null;
  let textExporter: Started | null = null;

  /** Prometheus' HTTP API, asked from inside the namespace (its loopback is not the host's). */
  function api(pathAndQuery: string): { status: string; data: unknown } | null {
    const script =
      "fetch(process.argv[1]).then((r) => r.text()).then((t) => process.stdout.write(t), () => {})";
    const r = spawnSync(
      "ip",
      [
        "netns",
        "exec",
        server,
        process.execPath,
        "-e",
        script,
        `http://127.0.0.1:${PROM_PORT}${pathAndQuery}`,
      ],
      { encoding: "utf8", timeout: 10_000 },
    );
    try {
      return JSON.parse(r.stdout);
    } catch {
      return null;
    }
  }

  type Vector = { metric: Record<string, string>; value: [number, string] }[];
  function query(q: string): Vector {
    const r = api(`/api/v1/query?query=${encodeURIComponent(q)}`);
    return r?.status === "success" ? ((r.data as { result: Vector }).result ?? []) : [];
  }
  const one = (q: string): number | null => {
    const v = query(q);
    return v.length === 1 && v[0] ? Number(v[0].value[1]) : null;
  };
  function alertState(name: string): string | null {
    const r = api("/api/v1/alerts");
    const alerts = (r?.data as { alerts?: { labels: { alertname: string }; state: string }[] } | undefined)
      ?.alerts;
    return alerts?.find((a) => a.labels.alertname === name)?.state ?? null;
  }

  beforeAll(() => {
    const up = cli(null, ["lab", "up", "--prefix", prefix]);
    expect(up.code, up.stderr).toBe(0);
    writeFileSync(path.join(tmp, "rules.yml"), readmeRules());
    writeFileSync(
      path.join(tmp, "prometheus.yml"),
      [
        "global: {scrape_interval: 1s, evaluation_interval: 1s}",
        "rule_files: [rules.yml]",
        "scrape_configs:",
        "  - job_name: dualhome",
        "    static_configs: [{targets: ['127.0.0.1:9877']}]",
        "",
      ].join("\n"),
    );
    // No --listen: the default address, 127.0.0.1:9877, is what Prometheus scrapes.
    exporter = startIn(server, [process.execPath, BIN, "--policy", POLICY, "export", "--every", "1"]);
    prom = startIn(server, [
      "prometheus",
      `--config.file=${path.join(tmp, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(tmp, "data")}`,
      `--web.listen-address=127.0.0.1:${PROM_PORT}`,
    ]);
  });

  afterAll(async () => {
    await stop(exporter);
    await stop(prom);
    await stop(textExporter);
    cli(null, ["lab", "down", "--prefix", prefix]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it("Prometheus scrapes the exporter and reads back every part up, build_info, routes and the wrong-card flow", async () => {
    await eventually(() => one('up{job="dualhome"}') === 1, 60_000, 500);
    expect(exporter?.stderr()).toContain(
      "dualhome: export serving http://127.0.0.1:9877/metrics, a poll every 1 s",
    );
    for (const part of ["interfaces", "routes", "rules", "connections", "sysctls"])
      await eventually(() => one(`dualhome_up{part="${part}"}`) === 1, 30_000, 500);
    const info = query("dualhome_build_info");
    expect(info).toHaveLength(1);
    expect(info[0]?.metric).toMatchObject({ version: "0.1.0", platform: "linux", collector: "iproute2" });
    expect(info[0]?.value[1]).toBe("1");

    // The same routes `dualhome snapshot` counts in this namespace.
    const snap = JSON.parse(cli(server, ["snapshot", "--json"]).stdout) as {
      routes: { destination: string }[];
    };
    const v4 = snap.routes.filter((r) => !r.destination.includes(":")).length;
    expect(v4).toBeGreaterThan(0);
    expect(one('dualhome_routes{family="ipv4"}')).toBe(v4);
    expect(one('dualhome_default_gateways{family="ipv4"}')).toBe(1);

    // The lab's client keeps calling 10.1.1.20:5061 out of eth0: a stuck SYN on the wrong card.
    await eventually(() => (one('dualhome_flows{verdict="wrong-nic",card="eth0"}') ?? 0) >= 1, 30_000, 500);
    await eventually(() => (one("dualhome_stuck_syn") ?? 0) >= 1, 30_000, 500);
    expect(one('dualhome_findings{id="wrong-nic-route",severity="error"}')).toBeGreaterThanOrEqual(1);
    expect(one("dualhome_sockets")).toBeGreaterThanOrEqual(1);
    expect(one("dualhome_last_poll_age_seconds")).not.toBeNull();
    expect(one("dualhome_last_poll_duration_seconds")).not.toBeNull();
    expect(one("dualhome_poll_errors_total")).toBe(0);
    await eventually(() => (one("dualhome_polls_total") ?? 0) >= 2, 30_000, 500);
  }, 180_000);

  it("the README's alert rules load; the wrong-card alert is pending (its 5 minutes running)", async () => {
    const rules = api("/api/v1/rules")?.data as { groups: { rules: { name: string; health: string }[] }[] };
    const loaded = rules.groups.flatMap((g) => g.rules);
    expect(loaded.map((r) => r.name)).toEqual([
      "DualhomeWrongCard",
      "DualhomeMultipleDefaultGateways",
      "DualhomePartDown",
    ]);
    await eventually(() => alertState("DualhomeWrongCard") === "pending", 30_000, 500);
    expect(alertState("DualhomeMultipleDefaultGateways")).toBeNull();
  }, 60_000);

  it("a second default gateway is seen at the next polls, and its series goes back when it is removed", async () => {
    execFileSync("ip", [
      "-n",
      server,
      "route",
      "add",
      "default",
      "via",
      "192.168.1.254",
      "dev",
      "eth1",
      "metric",
      "500",
    ]);
    try {
      await eventually(() => one('dualhome_default_gateways{family="ipv4"}') === 2, 30_000, 500);
      await eventually(() => one('dualhome_findings{id="multiple-default-gateways"}') === 1, 30_000, 500);
      await eventually(() => alertState("DualhomeMultipleDefaultGateways") === "pending", 30_000, 500);
    } finally {
      execFileSync("ip", [
        "-n",
        server,
        "route",
        "del",
        "default",
        "via",
        "192.168.1.254",
        "dev",
        "eth1",
        "metric",
        "500",
      ]);
    }
    await eventually(() => one('dualhome_default_gateways{family="ipv4"}') === 1, 30_000, 500);
    // The finding is gone, so is its series (not left at its last value).
    await eventually(
      () => query('dualhome_findings{id="multiple-default-gateways"}').length === 0,
      30_000,
      500,
    );
  }, 120_000);

  it("--once prints the metrics of the real host; --textfile writes a file promtool accepts", () => {
    const once = cli(server, ["--policy", POLICY, "export", "--once"]);
    expect(once.code, once.stderr).toBe(0);
    const s = samples(once.stdout);
    expect(s.get('dualhome_up{part="routes"}')).toBe(1);
    expect(s.get('dualhome_flows{verdict="wrong-nic",card="eth0"}')).toBeGreaterThanOrEqual(1);

    const dir = mkdtempSync(path.join(tmp, "textfile-"));
    const r = cli(server, ["export", "--once", "--textfile", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const text = readFileSync(path.join(dir, "dualhome.prom"), "utf8");
    expect(
      samples(text).get('dualhome_build_info{version="0.1.0",platform="linux",collector="iproute2"}'),
    ).toBe(1);
    if (promtool) {
      const lint = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
      expect(lint.status, `${lint.stdout}${lint.stderr}`).toBe(0);
    }
  });

  it("--textfile alone rewrites the file every poll, serves nothing, and exits 0 on SIGTERM", async () => {
    const dir = mkdtempSync(path.join(tmp, "textfile-loop-"));
    const file = path.join(dir, "dualhome.prom");
    textExporter = startIn(server, [process.execPath, BIN, "export", "--textfile", dir, "--every", "1"]);
    await eventually(() => {
      try {
        return (samples(readFileSync(file, "utf8")).get("dualhome_polls_total") ?? 0) >= 3;
      } catch {
        return false;
      }
    }, 30_000);
    expect(textExporter.stderr()).toContain(
      `dualhome: export writing ${dir}/dualhome.prom, a poll every 1 s`,
    );
    expect(textExporter.stderr()).not.toContain("serving");
    expect(await stop(textExporter)).toBe(0);
  }, 60_000);

  it("a collector that fails shows as its part at 0, the other parts still read", () => {
    // A PATH with `ip` and no `ss`: the connections cannot be read.
    const bin = mkdtempSync(path.join(tmp, "bin-"));
    const ip = execFileSync("sh", ["-c", "command -v ip"], { encoding: "utf8" }).trim();
    symlinkSync(ip, path.join(bin, "ip"));
    const r = cli(server, ["export", "--once"], { PATH: bin });
    expect(r.code, r.stderr).toBe(0);
    const s = samples(r.stdout);
    expect(s.get('dualhome_up{part="connections"}')).toBe(0);
    expect(s.get('dualhome_up{part="routes"}')).toBe(1);
    expect(s.get('dualhome_up{part="interfaces"}')).toBe(1);
    expect(s.has("dualhome_sockets")).toBe(false);
    expect(r.stderr).toMatch(/parts not read \(last values kept\): connections: /);
  });

  it("SIGTERM closes the exporter with exit 0", async () => {
    const code = await stop(exporter);
    expect(code).toBe(0);
    expect(exporter?.stderr()).not.toMatch(/unexpected error|at .*\.js:\d+/);
  }, 30_000);
});
