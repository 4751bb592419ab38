// The probe a Linux host over SSH runs: the very argv, run here through a real bash against
// loopback (ssh only carries it there; its quoting is the ssh runner's tested job), and the
// parser on the answers a real run cannot be made to give on demand.
import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunner } from "../../../src/system/exec/runner.js";
import { remoteProbe, remoteProbeArgv, remoteProbeResult } from "../../../src/system/linux/remote-probe.js";

describe("remote probe, run through a real bash", () => {
  const server = createServer((s) => s.end());
  let port = 0;
  beforeAll(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());
  const run = remoteProbe(createRunner(), "h1");

  it("connects, naming the source address the kernel picks", async () => {
    const r = await run("127.0.0.1", port, 3000);
    expect(r).toMatchObject({ outcome: "connected", host: "127.0.0.1", port, source: "127.0.0.1" });
    expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it("a closed port is refused", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const free = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    expect(await run("127.0.0.1", free, 3000)).toMatchObject({ outcome: "refused", source: "127.0.0.1" });
  });

  it("refuses names and bad ports before anything runs, saying what to give", async () => {
    expect(await run("db.example", 22)).toMatchObject({
      outcome: "error",
      error: 'over --ssh give the address, not a name: h1 would resolve "db.example" itself',
    });
    expect((await run("127.0.0.1", 70000)).error).toBe("port 70000 is not a whole number from 1 to 65535");
    expect(await run("127.0.0.1; reboot", 22)).toMatchObject({ outcome: "error" });
  });

  it("the argv carries host, port and whole seconds as arguments, never inside the script", () => {
    const argv = remoteProbeArgv("10.1.1.20", 5061, 2500);
    expect(argv.slice(0, 2)).toEqual(["bash", "-c"]);
    expect(argv.slice(3)).toEqual(["10.1.1.20", "5061", "3"]);
    expect(argv[2]).not.toContain("10.1.1.20");
  });
});

describe("remote probe answers", () => {
  const route =
    '[{"dst":"10.1.1.20","gateway":"192.168.1.1","dev":"eth0","prefsrc":"192.168.1.10","flags":[],"uid":0,"cache":[]}]';
  it("timeout(1)'s 124 is a SYN nobody answered, from the card's address", () => {
    const r = remoteProbeResult(`${route}\n\nDUALHOME_PROBE 124 100.000000 105.004000 \n`, "10.1.1.20", 5061);
    expect(r).toEqual({
      host: "10.1.1.20",
      port: 5061,
      outcome: "timeout",
      source: "192.168.1.10",
      sourcePort: null,
      ms: 5004,
    });
  });
  it("no route, a missing bash or timeout, and no answer at all are errors in words", () => {
    const noRoute = remoteProbeResult(
      "[]\n\nDUALHOME_PROBE 1 1.0 1.1 bash: line 1: connect: Network is unreachable bash: line 1: /dev/tcp/10.9.9.9/80: Network is unreachable \n",
      "10.9.9.9",
      80,
    );
    expect(noRoute).toMatchObject({
      outcome: "error",
      source: null,
      error: "Network is unreachable",
    });
    expect(
      remoteProbeResult("[]\nDUALHOME_PROBE 127 1.0 1.0 timeout: command not found\n", "10.0.0.1", 1).error,
    ).toContain("bash or timeout is missing there");
    expect(remoteProbeResult("", "10.0.0.1", 1)).toMatchObject({
      outcome: "error",
      error: "the remote probe gave no answer",
    });
  });
});
