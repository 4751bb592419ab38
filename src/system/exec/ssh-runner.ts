// Agentless remote: every argv runs on another host through the system's own OpenSSH
// client (the user's config, keys and known_hosts; host key checking untouched), over
// one multiplexed connection. The remote end always hands the command line to a shell,
// so each word is POSIX-quoted and the remote shell runs exactly that argv.
import { posixWord } from "../../core/shell-quote.js";
import { CommandError, type CommandRunner, type RunOptions, type RunResult } from "./runner-types.js";
import type { StreamSpawner } from "./stream-types.js";

/** [user@]host as ssh takes it (an alias of ~/.ssh/config too); never an option. */
const TARGET_RE = /^(?:[A-Za-z0-9._][A-Za-z0-9._-]{0,63}@)?[A-Za-z0-9_[\]:.%-]{1,253}$/;

/** Why `text` is not an SSH destination, or null when it is one. */
export function sshTargetError(text: string): string | null {
  if (text.startsWith("-") || !TARGET_RE.test(text))
    return `"${text}" is not an SSH destination: give [user@]host (a name from ~/.ssh/config works too)`;
  return null;
}

export interface SshOptions {
  /** Directory (private, ours) for the multiplexing socket. */
  controlDir: string;
  /** `ssh -F FILE` instead of ~/.ssh/config. */
  configFile?: string;
  /** Seconds ssh waits for the TCP connection (default 10). */
  connectTimeoutS?: number;
  /** false: a connection per command (Windows' OpenSSH client has no ControlMaster). */
  multiplex?: boolean;
}

// sshd allows 10 sessions on one connection (MaxSessions); a poll runs ~7 commands at once.
const MAX_SESSIONS = 6;

export interface SshRunner extends CommandRunner {
  readonly target: string;
  /** `spawn` running each argv on the remote host instead (`ip monitor`, `ss`), ended with its session. */
  stream(spawn: StreamSpawner): StreamSpawner;
  /** Ends the shared connection. */
  close(): Promise<void>;
}

/** ssh's own argv before the destination: batch mode (no prompt can hang a poll), multiplexed. */
function sshArgs(opts: SshOptions): string[] {
  return [
    ...(opts.configFile ? ["-F", opts.configFile] : []),
    "-T",
    "-o",
    "BatchMode=yes",
    // A RemoteCommand, forwards or a LocalCommand in the user's config would fight ours.
    "-o",
    "RemoteCommand=none",
    "-o",
    "ClearAllForwardings=yes",
    "-o",
    "PermitLocalCommand=no",
    "-o",
    `ConnectTimeout=${opts.connectTimeoutS ?? 10}`,
    "-o",
    "ServerAliveInterval=5",
    "-o",
    "ServerAliveCountMax=3",
    ...(opts.multiplex === false
      ? []
      : ["-o", "ControlMaster=auto", "-o", `ControlPath=${opts.controlDir}/%C`, "-o", "ControlPersist=60"]),
  ];
}

/**
 * Around a streamed command there: sshd gives the command no signal when the session
 * closes, so a quiet `ip monitor` would run on forever. A watcher reads the session's
 * stdin and ends the command at its EOF; the command's own exit ends the session.
 * (A background job's stdin is /dev/null unless redirected: the session's is kept as fd 3.)
 */
const ENDS_WITH_SESSION =
  'exec 3<&0; "$@" </dev/null & p=$!; (cat >/dev/null; kill "$p" 2>/dev/null) <&3 >/dev/null 2>&1 & wait "$p"';

/** The remote command line: each word quoted for the remote POSIX shell. */
export function remoteCommandLine(argv: readonly string[]): string {
  return argv.map(posixWord).join(" ");
}

function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("Warning: Permanently added"));
  return lines.at(-1) ?? "";
}

/** What an ssh failure (exit 255) means for the person running us. */
export function sshFailureText(target: string, stderr: string): string {
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(stderr))
    return `the host key of ${target} has changed: refused (check known_hosts; someone may be intercepting)`;
  if (/Host key verification failed|No .* host key is known/.test(stderr))
    return `the host key of ${target} is not known: refused (connect once with ssh to check and accept it)`;
  if (/Permission denied/.test(stderr))
    return `ssh login to ${target} refused (${lastLine(stderr)}): dualhome logs in without prompts; load the key into ssh-agent (ssh-add) or name it in the ssh config`;
  if (/Connection refused/.test(stderr)) return `${target} refused the SSH connection (is sshd running?)`;
  if (/timed out/i.test(stderr)) return `${target} did not answer (ssh: connection timed out)`;
  if (/No route to host|Network is unreachable/.test(stderr))
    return `no route to ${target} (${lastLine(stderr)})`;
  if (/Could not resolve hostname/.test(stderr)) return `cannot resolve ${target}: ${lastLine(stderr)}`;
  return `ssh to ${target} failed: ${lastLine(stderr) || "exit 255"}`;
}

/** A failure of the local ssh process, told as what happened on (or on the way to) the remote host. */
function remoteError(target: string, argv: readonly string[], e: CommandError): CommandError {
  const cmd = argv[0] ?? "";
  if (e.kind === "not-found") return new CommandError(`ssh not found: install openssh-client`, e.kind, argv);
  if (e.kind === "timeout" || e.kind === "cancelled")
    return new CommandError(e.message.replace(/^ssh\b/, `${cmd} on ${target}`), e.kind, argv, e.stderr);
  if (e.exitCode === 255)
    return new CommandError(sshFailureText(target, e.stderr), "failed", argv, e.stderr, 255);
  if (e.exitCode === 127)
    return new CommandError(
      `${cmd} not found on ${target}: install it there`,
      "not-found",
      argv,
      e.stderr,
      127,
    );
  if (/Operation not permitted|Permission denied|must be root/i.test(e.stderr))
    return new CommandError(
      `${cmd} needs root on ${target}: log in as root`,
      "permission",
      argv,
      e.stderr,
      e.exitCode,
    );
  const detail = lastLine(e.stderr) || `exit code ${e.exitCode}`;
  return new CommandError(`${cmd} failed on ${target}: ${detail}`, "failed", argv, e.stderr, e.exitCode);
}

export function createSshRunner(local: CommandRunner, target: string, opts: SshOptions): SshRunner {
  const bad = sshTargetError(target);
  if (bad) throw new Error(bad);
  const base = sshArgs(opts);
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (active >= MAX_SESSIONS) await new Promise<void>((r) => waiting.push(r));
    active++;
  };
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return {
    target,
    async run(argv: readonly string[], runOpts: RunOptions = {}): Promise<RunResult> {
      if (argv.length === 0) throw new CommandError("empty command", "failed", argv);
      await acquire();
      try {
        return await local.run(["ssh", ...base, "--", target, remoteCommandLine(argv)], runOpts);
      } catch (e) {
        throw e instanceof CommandError ? remoteError(target, argv, e) : e;
      } finally {
        release();
      }
    },
    stream(spawn: StreamSpawner): StreamSpawner {
      return (argv, onLines, streamOpts = {}) => {
        const remote = streamOpts.untilStopped ? ["sh", "-c", ENDS_WITH_SESSION, "sh", ...argv] : argv;
        return spawn(["ssh", ...base, "--", target, remoteCommandLine(remote)], onLines, streamOpts);
      };
    },
    async close() {
      if (opts.multiplex === false) return;
      await local.run(["ssh", ...base, "-O", "exit", "--", target], { timeoutMs: 5000 }).catch(() => {});
    },
  };
}
