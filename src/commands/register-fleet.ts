// The commands that look at more than this host: audit (many hosts over OpenSSH).
import type { Command } from "commander";
import type { Ctx } from "./context.js";

export function registerFleetCommands(program: Command, ctx: Ctx, setExit: (code: number) => void): void {
  program
    .command("audit")
    .description(
      "check many hosts over OpenSSH (your ssh config and keys; nothing installed there), a few at a time: " +
        "one line each with findings, wrong flows and the first fix; exit 0 clean, 1 errors found, 2 a host " +
        "could not be checked",
    )
    .argument("[hosts...]", "[user@]host, as ssh takes it")
    .option("--hosts <file>", "more hosts, one a line (# comments)")
    .option("--parallel <n>", "hosts checked at once", "8")
    .option("--timeout <s>", "seconds a host may take, login included", "30")
    .option("--json", "machine-readable output (schemaVersion 1)")
    .action((hosts: string[], o: { hosts?: string; parallel: string; timeout: string; json?: boolean }) => {
      const g = program.opts<{ policy?: string; sshConfig?: string; ssh?: string }>();
      return import("./audit-command.js")
        .then((m) =>
          m.auditCommand(ctx, hosts, {
            ...o,
            ...(g.policy ? { policy: g.policy } : {}),
            ...(g.sshConfig ? { sshConfig: g.sshConfig } : {}),
          }),
        )
        .then(setExit);
    });
}
