import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { NetInterface } from "../../src/core/model.js";
import { CommandError } from "../../src/system/exec/runner-types.js";
import { ipNeighArgv } from "../../src/system/linux/linux-commands.js";
import { readNeighbours } from "../../src/system/neighbours.js";
import { ARP_A } from "../../src/system/windows/classic-platform.js";
import { FakeRunner } from "../support/fake-runner.js";

const fixture = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), "utf8");

const card = (name: string, index: number, address: string): NetInterface => ({
  name,
  index,
  up: true,
  addresses: [{ address, prefixLen: 24, family: 4 }],
});
const CARDS = [card("eth0", 2, "192.168.1.10"), card("eth1", 3, "192.168.1.11")];

describe("readNeighbours", () => {
  it("Linux: asks `ip -json neigh show dev` per card and keeps only entries that answered", async () => {
    const runner = new FakeRunner()
      .expect(["ip", "-json", "neigh", "show", "dev", "eth0"], {
        stdout: fixture("linux-neigh/ip-json-neigh-dev-eth0.json"),
      })
      .expect(["ip", "-json", "neigh", "show", "dev", "eth1"], { stdout: "[]" });
    const r = await readNeighbours("linux", runner, CARDS);
    runner.assertDone();
    expect(r.neighbours.map((n) => `${n.card} ${n.address}`)).toEqual([
      "eth0 192.168.1.1",
      "eth0 192.168.1.254",
    ]);
  });

  it("Linux: a card whose table cannot be read is a warning; the others still count", async () => {
    const runner = new FakeRunner()
      .expect(["ip", "-json", "neigh", "show", "dev", "eth0"], new CommandError("ip failed", "failed", []))
      .expect(["ip", "-json", "neigh", "show", "dev", "eth1"], {
        stdout: '[{"dst":"192.168.1.254","lladdr":"aa:bb:cc:dd:ee:ff","state":["STALE"]}]',
      });
    const r = await readNeighbours("linux", runner, CARDS);
    expect(r.neighbours.map((n) => n.address)).toEqual(["192.168.1.254"]);
    expect(r.warnings[0]).toMatch(/eth0.*not read/);
  });

  it("Windows: one `arp -a`, sections matched to cards by address; broadcast and multicast dropped", async () => {
    const cards = [card("ext", 3, "192.168.1.10"), card("int", 4, "192.168.1.11")];
    const runner = new FakeRunner().expect(ARP_A, { stdout: fixture("windows-arp/arp-a-two-cards.txt") });
    const r = await readNeighbours("windows", runner, cards);
    expect(r.neighbours.map((n) => `${n.card} ${n.address}`)).toEqual([
      "ext 192.168.1.1",
      "int 192.168.1.50",
      "int 192.168.1.254",
    ]);
  });

  it("Windows: arp failing is an error in the result, not a throw", async () => {
    const runner = new FakeRunner().expect(ARP_A, new CommandError("arp not found", "not-found", ARP_A));
    const r = await readNeighbours("windows", runner, CARDS);
    expect(r.neighbours).toEqual([]);
    expect(r.error).toMatch(/arp -a failed/);
  });

  it("a card name that is not a plain name never reaches an argv", () => {
    expect(() => ipNeighArgv("-f")).toThrow();
    expect(() => ipNeighArgv("eth0;reboot")).toThrow();
    expect(ipNeighArgv("eth0.100")).toEqual(["ip", "-json", "neigh", "show", "dev", "eth0.100"]);
  });
});
