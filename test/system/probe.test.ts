// probe() against loopback, and a hung SYN inside two namespaces this test builds
// (veth a0/b0 with both ends in them; the peer black-holes the destination).
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { createRunner } from "../../src/system/exec/runner.js";
import { probe } from "../../src/system/probe.js";

async function listening(host: string) {
  const server = createServer((s) => s.on("error", () => {}));
  server.listen(0, host);
  await once(server, "listening");
  return { server, port: (server.address() as AddressInfo).port };
}

describe("probe on loopback", () => {
  it("connects and reports the source address and port", async () => {
    const { server, port } = await listening("127.0.0.1");
    try {
      const r = await probe("127.0.0.1", port, { timeoutMs: 5000 });
      expect(r).toMatchObject({ host: "127.0.0.1", port, outcome: "connected", source: "127.0.0.1" });
      expect(r.sourcePort).toBeGreaterThan(0);
      expect(r.ms).toBeGreaterThanOrEqual(0);
      expect(r.error).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it("IPv6 loopback", async () => {
    const { server, port } = await listening("::1");
    try {
      expect(await probe("::1", port, { timeoutMs: 5000 })).toMatchObject({
        outcome: "connected",
        source: "::1",
      });
    } finally {
      server.close();
    }
  });

  it("a closed port is refused", async () => {
    const { server, port } = await listening("127.0.0.1");
    server.close();
    await once(server, "close");
    const r = await probe("127.0.0.1", port, { timeoutMs: 5000 });
    expect(r.outcome).toBe("refused");
    expect(r.error).toMatch(/refused/);
    expect(r.source).toBe("127.0.0.1");
  });

  it("a name goes through the resolver, and the answer is what is probed", async () => {
    const { server, port } = await listening("127.0.0.1");
    try {
      const asked: string[] = [];
      const lookup = async (n: string) => {
        asked.push(n);
        return "127.0.0.1";
      };
      const r = await probe("sip.example.internal", port, { timeoutMs: 5000, lookup });
      expect(asked).toEqual(["sip.example.internal"]);
      expect(r).toMatchObject({ host: "127.0.0.1", name: "sip.example.internal", outcome: "connected" });
    } finally {
      server.close();
    }
  });

  it("a name that does not resolve is an error that says so", async () => {
    const lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const r = await probe("nowhere.invalid", 80, { timeoutMs: 1000, lookup });
    expect(r).toMatchObject({ outcome: "error", source: null, name: "nowhere.invalid" });
    expect(r.error).toMatch(/cannot resolve nowhere.invalid \(ENOTFOUND\)/);
  });

  it.each([
    ["127.0.0.1", 0, /port 0/],
    ["127.0.0.1", 65536, /port 65536/],
    ["127.0.0.1", 1.5, /port 1.5/],
    ["10.0.0.1;reboot", 80, /neither an IP address nor a host name/],
    ["-oProxyCommand=x", 80, /neither/],
    ["", 80, /neither/],
  ])("refuses %s port %s before any traffic", async (host, port, why) => {
    const lookup = async () => {
      throw new Error("must not resolve");
    };
    const r = await probe(host, port, { timeoutMs: 1000, lookup });
    expect(r.outcome).toBe("error");
    expect(r.error).toMatch(why);
  });
});

/** probe.ts as plain JS (it imports only node: modules), so a node child can run it in a namespace. */
async function probeScript(dir: string): Promise<string> {
  const source = await readFile(join(import.meta.dirname, "../../src/system/probe.ts"), "utf8");
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  expect(js).not.toMatch(/from "\.{1,2}\//);
  await writeFile(join(dir, "probe.mjs"), js);
  const driver = join(dir, "driver.mjs");
  await writeFile(
    driver,
    'import { probe } from "./probe.mjs";\nconst [h, p, t] = process.argv.slice(2);\n' +
      "console.log(JSON.stringify(await probe(h, Number(p), { timeoutMs: Number(t) })));\n",
  );
  return driver;
}

describe("probe of a hung SYN inside test namespaces", () => {
  it("times out in SYN_SENT and still names the source address", async () => {
    const run = createRunner();
    const id = Math.random().toString(36).slice(2, 8);
    const [a, b] = [`dhtest-${id}-a`, `dhtest-${id}-b`];
    const dir = await mkdtemp(join(tmpdir(), "dhtest-probe-"));
    const created: string[] = [];
    try {
      for (const ns of [a, b]) {
        await run.run(["ip", "netns", "add", ns]);
        created.push(ns);
      }
      // The veth pair is born inside namespace a, its peer moved straight into b: never in the host.
      const steps = [
        ["ip", "-n", a, "link", "add", "a0", "type", "veth", "peer", "name", "b0", "netns", b],
        ["ip", "-n", a, "addr", "add", "10.99.0.1/24", "dev", "a0"],
        ["ip", "-n", a, "link", "set", "a0", "up"],
        ["ip", "-n", a, "link", "set", "lo", "up"],
        ["ip", "-n", b, "addr", "add", "10.99.0.2/24", "dev", "b0"],
        ["ip", "-n", b, "link", "set", "b0", "up"],
        ["ip", "-n", a, "route", "add", "10.99.1.0/24", "via", "10.99.0.2", "dev", "a0"],
        // b does not forward and black-holes the destination: the SYN is dropped without an answer.
        ["ip", "-n", b, "route", "add", "blackhole", "10.99.1.0/24"],
      ];
      for (const argv of steps) await run.run(argv);
      const driver = await probeScript(dir);
      const inA = (host: string) =>
        run.run(["ip", "netns", "exec", a, process.execPath, driver, host, "5061", "700"], {
          timeoutMs: 20_000,
        });

      const hung = JSON.parse((await inA("10.99.1.1")).stdout);
      expect(hung).toMatchObject({ host: "10.99.1.1", port: 5061, outcome: "timeout", source: "10.99.0.1" });
      expect(hung.sourcePort).toBeGreaterThan(0);
      expect(hung.error).toMatch(/SYN_SENT/);

      // The peer itself answers with a reset: refused, from the same card.
      const refused = JSON.parse((await inA("10.99.0.2")).stdout);
      expect(refused).toMatchObject({ outcome: "refused", source: "10.99.0.1" });
    } finally {
      for (const ns of created.reverse()) await run.run(["ip", "netns", "del", ns]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
  });
});
