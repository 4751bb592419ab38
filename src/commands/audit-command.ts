// `dualhome audit HOST...`: check many hosts over OpenSSH and print one line each.
import { readFile } from "node:fs/promises";
import { auditHosts } from "../app/audit/audit-hosts.js";
import { type AuditRow, auditExitCode } from "../core/audit-row.js";
import { errorText } from "../core/errors.js";
import { sshTargetError } from "../system/exec/ssh-runner.js";
import { makeControlDir } from "../system/remote-host.js";
import { CliError, type Ctx, printJson } from "./context.js";
import { loadPolicy } from "./policy-load.js";
import { sshConfigFile } from "./remote-session.js";
import { textTable } from "./text-table.js";
import { wholeIn } from "./whole-number.js";

export interface AuditCommandOptions {
  hosts?: string;
  parallel: string;
  timeout: string;
  json?: boolean;
  policy?: string;
  sshConfig?: string;
}

/** A hosts file: one [user@]host a line; blank lines and # comments skipped. */
export function parseHostsFile(text: string, file: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const bad = sshTargetError(line);
    if (bad) throw new CliError(`${file} line ${i + 1}: ${bad}`);
    out.push(line);
  });
  return out;
}

async function hostList(args: readonly string[], file: string | undefined): Promise<string[]> {
  const hosts = [...args];
  for (const h of args) {
    const bad = sshTargetError(h);
    if (bad) throw new CliError(bad);
  }
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw new CliError(`--hosts ${file}: ${errorText(e)}`);
    }
    hosts.push(...parseHostsFile(text, file));
  }
  if (hosts.length === 0) throw new CliError("audit needs hosts: dualhome audit HOST... or --hosts FILE");
  return [...new Set(hosts)];
}

const count = (n: number) => (n === 0 ? "-" : String(n));

export function auditText(rows: readonly AuditRow[]): string {
  const ok = rows.filter((r) => r.reachable);
  const lines = [
    `audit: ${rows.length} host${rows.length === 1 ? "" : "s"}, ${ok.length} checked, ${rows.length - ok.length} not reachable`,
    "",
    ...textTable(
      ["host", "errors", "warnings", "wrong flows", "stuck SYN", "findings", "first fix"],
      rows.map((r) =>
        r.reachable
          ? [
              r.host,
              count(r.findings.error),
              count(r.findings.warning),
              count(r.wrongFlows),
              count(r.stuckSyn),
              [...r.findingIds, ...r.failedParts.map((p) => `${p} failed`)].join(", ") || "clean",
              r.firstFix ?? "-",
            ]
          : [r.host, "?", "?", "?", "?", `not reachable: ${r.reason}`, "-"],
      ),
    ),
  ];
  return `${lines.join("\n")}\n`;
}

export async function auditCommand(
  ctx: Ctx,
  args: readonly string[],
  o: AuditCommandOptions,
): Promise<number> {
  const hosts = await hostList(args, o.hosts);
  const parallel = wholeIn(o.parallel, "--parallel", 1, 64);
  const timeoutS = wholeIn(o.timeout, "--timeout", 1, 3600, "a number of seconds");
  const configFile = sshConfigFile(o.sshConfig);
  const { policy, source } = await loadPolicy(o.policy);
  const control = makeControlDir();
  try {
    const rows = await auditHosts(ctx.runner, hosts, {
      parallel,
      timeoutS,
      controlDir: control.dir,
      multiplex: ctx.os !== "windows",
      policy,
      policySource: source,
      ...(configFile ? { configFile } : {}),
    });
    if (o.json) printJson(ctx, { schemaVersion: 1, hosts: rows });
    else ctx.out(auditText(rows));
    return auditExitCode(rows);
  } finally {
    control.remove();
  }
}
