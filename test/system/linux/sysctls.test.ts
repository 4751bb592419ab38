import { describe, expect, it } from "vitest";
import { effectiveSysctls, readSysctls } from "../../../src/system/linux/sysctls.js";

function fakeProc(files: Record<string, string>) {
  const read: string[] = [];
  const readFile = async (path: string) => {
    read.push(path);
    const v = files[path];
    if (v === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
    return v;
  };
  return { readFile, read };
}

const conf = (card: string, v: [number, number, number, number]) => ({
  [`/proc/sys/net/ipv4/conf/${card}/rp_filter`]: `${v[0]}\n`,
  [`/proc/sys/net/ipv4/conf/${card}/arp_filter`]: `${v[1]}\n`,
  [`/proc/sys/net/ipv4/conf/${card}/arp_ignore`]: `${v[2]}\n`,
  [`/proc/sys/net/ipv4/conf/${card}/arp_announce`]: `${v[3]}\n`,
});

describe("effectiveSysctls", () => {
  it("takes the larger of all and the card, as the kernel does", () => {
    expect(
      effectiveSysctls({ rp_filter: 1, arp_ignore: 0 }, { rp_filter: 2, arp_ignore: 1, arp_announce: 2 }),
    ).toEqual({
      rp_filter: 2,
      arp_ignore: 1,
      arp_announce: 2,
    });
    expect(effectiveSysctls({ rp_filter: 2 }, { rp_filter: 0 })).toEqual({ rp_filter: 2 });
  });
});

describe("readSysctls", () => {
  it("reads all and each card from /proc, cards get effective values", async () => {
    const { readFile, read } = fakeProc({
      ...conf("all", [1, 0, 0, 0]),
      ...conf("eth0", [0, 1, 1, 2]),
      ...conf("eth1", [2, 0, 0, 0]),
    });
    const r = await readSysctls(["eth0", "eth1"], readFile);
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(r.value).toEqual({
      all: { rp_filter: 1, arp_filter: 0, arp_ignore: 0, arp_announce: 0 },
      eth0: { rp_filter: 1, arp_filter: 1, arp_ignore: 1, arp_announce: 2 },
      eth1: { rp_filter: 2, arp_filter: 0, arp_ignore: 0, arp_announce: 0 },
    });
    expect(read).toContain("/proc/sys/net/ipv4/conf/eth1/arp_announce");
    expect(read).toHaveLength(12);
  });

  it("a missing card or key is a warning; names that could escape /proc are never read", async () => {
    const files = { ...conf("all", [0, 0, 0, 0]), ...conf("eth0", [1, 0, 0, 0]) };
    delete (files as Record<string, string>)["/proc/sys/net/ipv4/conf/eth0/arp_filter"];
    const { readFile, read } = fakeProc(files);
    const r = await readSysctls(["eth0", "gone0", "../../x", ".."], readFile);
    // The unreadable key falls back to the value for all.
    expect(r.value.eth0).toEqual({ rp_filter: 1, arp_filter: 0, arp_ignore: 0, arp_announce: 0 });
    expect(r.value.gone0).toBeUndefined();
    expect(r.warnings).toHaveLength(4);
    expect(read.some((p) => p.includes(".."))).toBe(false);
  });

  it("no /proc at all is an error", async () => {
    const { readFile } = fakeProc({});
    const r = await readSysctls(["eth0"], readFile);
    expect(r.error).toMatch(/cannot read \/proc\/sys\/net\/ipv4\/conf\/all/);
  });
});
