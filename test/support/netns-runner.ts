// Runs every command inside a network namespace: how the kernel tests point
// the real collectors at a kernel of their own without touching the host's.
import type { CommandRunner } from "../../src/system/exec/runner-types.js";

const NS_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export function inNamespace(runner: CommandRunner, ns: string): CommandRunner {
  if (!NS_RE.test(ns)) throw new Error(`"${ns}" is not a valid namespace name`);
  return { run: (argv, opts) => runner.run(["ip", "netns", "exec", ns, ...argv], opts) };
}
