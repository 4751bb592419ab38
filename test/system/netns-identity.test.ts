import { describe, expect, it } from "vitest";
import { type NetnsFs, netnsIdentity, netnsLabel } from "../../src/system/netns-identity.js";

function fakeFs(inodes: Record<string, number>, named: string[]): NetnsFs {
  return {
    inodeOf: (file) => inodes[file] ?? null,
    list: (dir) => (dir === "/run/netns" ? named : []),
  };
}

describe("netnsIdentity", () => {
  it("names a lab namespace by its ip netns name and says it is not the host's", () => {
    const fs = fakeFs(
      { "/proc/self/ns/net": 42, "/proc/1/ns/net": 7, "/run/netns/a": 41, "/run/netns/lab-server": 42 },
      ["a", "lab-server"],
    );
    const id = netnsIdentity(fs);
    expect(id).toEqual({ id: "net:[42]", name: "lab-server", isInitial: false });
    expect(netnsLabel(id)).toBe("lab-server");
  });

  it("knows the host's own namespace", () => {
    const id = netnsIdentity(fakeFs({ "/proc/self/ns/net": 7, "/proc/1/ns/net": 7 }, []));
    expect(id).toEqual({ id: "net:[7]", name: null, isInitial: true });
    expect(netnsLabel(id)).toBe("host");
  });

  it("says unknown where PID 1's namespace cannot be read, and null without /proc", () => {
    expect(netnsIdentity(fakeFs({ "/proc/self/ns/net": 9 }, [])).isInitial).toBeNull();
    expect(netnsIdentity(fakeFs({}, []))).toEqual({ id: null, name: null, isInitial: null });
  });

  it("reads the real kernel's answer for this process", () => {
    const id = netnsIdentity();
    if (process.platform !== "linux") return;
    expect(id.id).toMatch(/^net:\[\d+\]$/);
  });
});
