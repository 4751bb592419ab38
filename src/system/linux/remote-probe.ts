// `p` and `dualhome probe` on a Linux host reached over SSH, where nothing of ours is
// installed: the connect is bash's /dev/tcp under timeout(1), and the card and source
// address are the kernel's own answer for that destination (`ip -json route get`), read
// in the same remote command. Only an address is accepted: a name would be resolved by
// the remote resolver, which the operator cannot see, so it is refused with the way out.
import { isIP } from "node:net";
import { errorText } from "../../core/errors.js";
import type { CommandRunner } from "../exec/runner-types.js";
import { type ProbeResult, portProblem, probeFailure } from "../probe.js";

/** $0 host, $1 port, $2 timeout in seconds; the kernel's route first, then one result line. */
const SCRIPT = [
  // The C locale: a dot in EPOCHREALTIME, and the connect's error in the words parsed below.
  "export LC_ALL=C",
  'ip -json route get "$0" 2>/dev/null || echo "[]"',
  "t0=$EPOCHREALTIME",
  'err=$(timeout "$2" bash -c \'exec 3<>"/dev/tcp/$0/$1"\' "$0" "$1" 2>&1)',
  "rc=$?",
  "t1=$EPOCHREALTIME",
  'printf "\\nDUALHOME_PROBE %s %s %s %s\\n" "$rc" "$t0" "$t1" "$(printf %s "$err" | tr "\\n" " ")"',
].join("; ");

export function remoteProbeArgv(host: string, port: number, timeoutMs: number): string[] {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  return ["bash", "-c", SCRIPT, host, String(port), String(seconds)];
}

function routeOf(json: string): { source: string | null } {
  try {
    const list = JSON.parse(json) as unknown;
    const first = Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined;
    const src = first?.prefsrc;
    return { source: typeof src === "string" && isIP(src) !== 0 ? src : null };
  } catch {
    return { source: null };
  }
}

/** The remote command's output as a probe result (exported for the parser's tests). */
export function remoteProbeResult(stdout: string, host: string, port: number): ProbeResult {
  const at = stdout.lastIndexOf("DUALHOME_PROBE ");
  const base = { host, port, sourcePort: null };
  if (at < 0)
    return { ...base, outcome: "error", source: null, ms: 0, error: "the remote probe gave no answer" };
  const [rc, t0, t1, ...words] = stdout
    .slice(at + "DUALHOME_PROBE ".length)
    .trim()
    .split(" ");
  const { source } = routeOf(stdout.slice(0, at).trim());
  const ms = Number(t0) > 0 && Number(t1) > 0 ? Math.round((Number(t1) - Number(t0)) * 1000) : 0;
  // bash says it twice ("connect: …", then "/dev/tcp/…: …"): the first, without bash's prefix.
  const said = (
    words
      .join(" ")
      .split(/\s*bash: (?:line \d+: )?/)
      .find((w) => w.trim() !== "") ?? ""
  ).trim();
  if (rc === "0") return { ...base, outcome: "connected", source, ms };
  if (rc === "124") return { ...base, outcome: "timeout", source, ms };
  if (rc === "127")
    return { ...base, outcome: "error", source, ms, error: `bash or timeout is missing there: ${said}` };
  if (/refused/i.test(said)) return { ...base, outcome: "refused", source, ms };
  return { ...base, outcome: "error", source, ms, error: said.replace(/^connect: /, "") || `exit ${rc}` };
}

export function remoteProbe(runner: CommandRunner, target: string) {
  return async (host: string, port: number, timeoutMs = 5000): Promise<ProbeResult> => {
    const fail = (error: string) => probeFailure(host, port, error);
    if (isIP(host) === 0)
      return fail(`over --ssh give the address, not a name: ${target} would resolve "${host}" itself`);
    const badPort = portProblem(port);
    if (badPort) return fail(badPort);
    try {
      const out = await runner.run(remoteProbeArgv(host, port, timeoutMs), { timeoutMs: timeoutMs + 10_000 });
      return remoteProbeResult(out.stdout, host, port);
    } catch (e) {
      return fail(errorText(e));
    }
  };
}
