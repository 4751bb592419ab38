// Test namespaces: unique names, built and removed by the test itself. Every veth
// pair is created inside a test namespace and never touches the host's.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

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
