// Test namespaces: unique names, built and removed by the test itself. Every veth
// pair is created inside a test namespace and never touches the host's.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";

export function canUseNamespaces(): { ok: true } | { ok: false; reason: string } {
  if (process.getuid?.() !== 0) return { ok: false, reason: "network namespaces need root" };
  const probe = `dhprobe-${randomBytes(3).toString("hex")}`;
  try {
    execFileSync("ip", ["netns", "add", probe], { stdio: "pipe" });
    execFileSync("ip", ["netns", "del", probe], { stdio: "pipe" });
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: `ip netns add failed: ${(e as Error).message.split("\n")[0]}` };
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

/** Runs `ip -n ns …`; returns stdout, or throws with stderr. */
export function ipn(ns: string, ...args: string[]): string {
  return execFileSync("ip", ["-n", ns, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function tryIpn(ns: string, ...args: string[]): boolean {
  try {
    ipn(ns, ...args);
    return true;
  } catch {
    return false;
  }
}

export function delNamespace(ns: string): void {
  try {
    execFileSync("ip", ["netns", "del", ns], { stdio: "pipe" });
  } catch {
    // already gone
  }
}

/** A namespace made by `ip netns add`, as netnsIdentity() reads it from inside. */
export function netnsOf(name: string): { id: string; name: string; isInitial: false } {
  return { id: `net:[${statSync(`/run/netns/${name}`).ino}]`, name, isInitial: false };
}

/** A namespace with one card, eth1 192.168.1.11/24: a veth whose peer is in the same namespace. */
export function bareNamespace(name: string): void {
  execFileSync("ip", ["netns", "add", name], { stdio: "pipe" });
  ipn(name, "link", "set", "lo", "up");
  ipn(name, "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
  ipn(name, "addr", "add", "192.168.1.11/24", "dev", "eth1");
  ipn(name, "link", "set", "eth1p", "up");
  ipn(name, "link", "set", "eth1", "up");
}
