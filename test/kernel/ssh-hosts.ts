// Hosts to reach over SSH, built by the test: a client namespace and one namespace per
// host, joined by veth pairs that live only in those namespaces. Each host runs a real
// sshd (Debian's openssh-server) with a host key made here; the client logs in with a key
// made here, through an ssh config file of its own (never ~/.ssh).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { delNamespace, ipn, uniqueName } from "./netns-helpers.js";

export const SSHD = "/usr/sbin/sshd";
export const hasSshd = () => existsSync(SSHD) && spawnOk("ssh", ["-V"]);

function spawnOk(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

/**
 * sshd runs every command through the user's shell, and Debian's bash reads ~/.bashrc
 * for it. This machine's root .bashrc runs `pyenv init`, whose lock, left by a killed
 * session, stalls every later login for 60 s. The hosts are not under test there: their
 * sshd sees an empty ~/.bashrc (a bind mount in a mount namespace of its own).
 */
function withoutLoginFiles(argv: string[], dir: string): [string, string[], { stdio: "ignore" }] {
  const rc = path.join(homedir(), ".bashrc");
  if (!existsSync(rc)) return [argv[0] as string, argv.slice(1), { stdio: "ignore" }];
  const empty = path.join(dir, "empty-bashrc");
  writeFileSync(empty, "");
  const bind = 'mount --bind "$1" "$2" && shift 2 && exec "$@"';
  return [
    "unshare",
    ["--mount", "--propagation", "private", "sh", "-c", bind, "sh", empty, rc, ...argv],
    { stdio: "ignore" },
  ];
}

/** sshd answers; a TCP listener that never speaks SSH; sshd with a key other than known_hosts says. */
export type HostKind = "sshd" | "silent" | "changed-key";

export interface SshHost {
  alias: string;
  ns: string;
  address: string;
}

export interface SshWorld {
  client: string;
  hosts: SshHost[];
  /** ssh -F file naming every host by alias. */
  config: string;
  dir: string;
  stop(): void;
}

function keygen(file: string): string {
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "dualhome-test", "-f", file]);
  return readFileSync(`${file}.pub`, "utf8").trim();
}

function sshdConfig(dir: string, address: string, hostKey: string, authorized: string): string {
  const file = path.join(dir, "sshd_config");
  writeFileSync(
    file,
    [
      `ListenAddress ${address}:22`,
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      "StrictModes no",
      "UsePAM no",
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "MaxStartups 50",
      "",
    ].join("\n"),
  );
  return file;
}

/** Builds the client and one namespace per host kind, in that order (10.77.N.2, alias hN). */
export function sshWorld(kinds: readonly HostKind[]): SshWorld {
  const dir = mkdtempSync(path.join(tmpdir(), "dh-ssh-"));
  const client = uniqueName("dhsc");
  execFileSync("ip", ["netns", "add", client]);
  ipn(client, "link", "set", "lo", "up");
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const clientKey = path.join(dir, "id_ed25519");
  const pub = keygen(clientKey);
  const authorized = path.join(dir, "authorized_keys");
  writeFileSync(authorized, `${pub}\n`);
  const procs: ChildProcess[] = [];
  const hosts: SshHost[] = [];
  const known: string[] = [];
  const config: string[] = [];
  kinds.forEach((kind, i) => {
    const n = i + 1;
    const ns = uniqueName(`dhsh${n}`);
    const address = `10.77.${n}.2`;
    execFileSync("ip", ["netns", "add", ns]);
    ipn(ns, "link", "set", "lo", "up");
    ipn(client, "link", "add", `c${n}`, "type", "veth", "peer", "name", "eth0", "netns", ns);
    ipn(client, "addr", "add", `10.77.${n}.1/24`, "dev", `c${n}`);
    ipn(client, "link", "set", `c${n}`, "up");
    ipn(ns, "addr", "add", `${address}/24`, "dev", "eth0");
    ipn(ns, "link", "set", "eth0", "up");
    ipn(ns, "route", "add", "default", "via", `10.77.${n}.1`, "dev", "eth0");
    const hostDir = path.join(dir, `h${n}`);
    mkdirSync(hostDir);
    const hostKey = path.join(hostDir, "host_ed25519");
    const hostPub = keygen(hostKey);
    const knownKey = kind === "changed-key" ? keygen(path.join(hostDir, "other_ed25519")) : hostPub;
    known.push(`${address} ${knownKey.split(" ").slice(0, 2).join(" ")}`);
    if (kind === "silent") {
      const script = `require("net").createServer(() => {}).listen(22, "${address}")`;
      procs.push(spawn("ip", ["netns", "exec", ns, process.execPath, "-e", script], { stdio: "ignore" }));
    } else {
      const cfg = sshdConfig(hostDir, address, hostKey, authorized);
      procs.push(spawn(...withoutLoginFiles(["ip", "netns", "exec", ns, SSHD, "-D", "-e", "-f", cfg], dir)));
    }
    hosts.push({ alias: `h${n}`, ns, address });
    config.push(
      `Host h${n}`,
      `  HostName ${address}`,
      "  User root",
      `  IdentityFile ${clientKey}`,
      "  IdentitiesOnly yes",
      `  UserKnownHostsFile ${path.join(dir, "known_hosts")}`,
      "  GlobalKnownHostsFile /dev/null",
      "  StrictHostKeyChecking yes",
      // What an admin's config may hold and dualhome must not trip over.
      "  RemoteCommand /bin/false",
      "  LocalForward 127.0.0.1:1 127.0.0.1:1",
      "",
    );
  });
  writeFileSync(path.join(dir, "known_hosts"), `${known.join("\n")}\n`);
  const configFile = path.join(dir, "ssh_config");
  writeFileSync(configFile, config.join("\n"));
  return {
    client,
    hosts,
    config: configFile,
    dir,
    stop() {
      for (const p of procs) p.kill("SIGKILL");
      // sshd's session children outlive a killed listener: end whatever runs in the host namespaces.
      for (const h of hosts) {
        try {
          const pids = execFileSync("ip", ["netns", "pids", h.ns], { encoding: "utf8" }).split(/\s+/);
          for (const pid of pids) if (pid) process.kill(Number(pid), "SIGKILL");
        } catch {
          // already gone
        }
        delNamespace(h.ns);
      }
      delNamespace(client);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until every sshd (and the silent listener) listens. */
export async function listening(world: SshWorld): Promise<void> {
  const end = Date.now() + 15_000;
  for (const h of world.hosts) {
    for (;;) {
      const out = execFileSync("ip", ["netns", "exec", h.ns, "ss", "-tlnH"], { encoding: "utf8" });
      if (out.includes(`${h.address}:22`)) break;
      if (Date.now() > end) throw new Error(`nothing listens on ${h.address}:22 in ${h.ns}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
