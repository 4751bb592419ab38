// Every command of dualhome, wired to its implementation.
// Commands load lazily: `check` in a monitoring loop should not pay for React and Ink.
import type { Command } from "commander";
import { SAVED_FILE_OPTIONS } from "../core/saved-files.js";
import { CliError, type Ctx } from "./context.js";
import { loadForTerminal } from "./live-ink.js";
import { registerChangeCommands } from "./register-changes.js";
import { registerExportCommand } from "./register-export.js";
import { registerFleetCommands } from "./register-fleet.js";

type SetExit = (code: number) => void;

// The live screen's auto-rollback; an option of watch and demo (not a global one, which
// commander would take away from `route add --rollback-after` and `fix --rollback-after`).
const ROLLBACK_AFTER = [
  "--rollback-after <s>",
  "a change made on the screen reverts by itself after s seconds unless c keeps it (default 60; 0: off)",
] as const;

export function registerCommands(program: Command, ctx: Ctx, setExit: SetExit): void {
  const globals = () =>
    program.opts<{
      policy?: string;
      interval: string;
      readOnly?: boolean;
      color: boolean;
      ascii?: boolean;
    }>();
  const run = (p: Promise<number>) => p.then(setExit);

  program
    .command("watch", { isDefault: true })
    .description("the live screen on this host (the default)")
    .option(...ROLLBACK_AFTER)
    // A word that is no command lands here, the default: name it rather than "too many arguments for 'watch'".
    .allowExcessArguments(true)
    .action((o: { rollbackAfter?: string }, cmd: Command) =>
      cmd.args.length > 0
        ? Promise.reject(
            new CliError(
              `unknown command '${cmd.args[0]}': the commands are ${program.commands.map((c) => c.name()).join(", ")} (dualhome --help)`,
              2,
            ),
          )
        : run(
            loadForTerminal(() => import("./watch-command.js")).then((m) =>
              m.watchCommand(ctx, { ...globals(), ...o }),
            ),
          ),
    );

  program
    .command("demo")
    .description(
      "the live screen on a simulated Windows server with the wrong-card problem; needs no privileges",
    )
    .option(...ROLLBACK_AFTER)
    .option(
      "--card-names <external,internal>",
      'names for the two simulated cards, to see real ones such as "Ethernet,Ethernet 2"',
    )
    .action((o: { rollbackAfter?: string; cardNames?: string }) =>
      run(
        loadForTerminal(() => import("./watch-command.js")).then((m) =>
          m.demoCommand(ctx, { ...globals(), ...o }),
        ),
      ),
    );

  program
    .command("fix")
    .description(
      "the guided fix, in plain words: what is wrong, 5 questions with suggestions, the plan applied step by " +
        "step (exact command, impact, auto-rollback: c keeps), a proof by connecting, the policy file and a " +
        "summary for the ticket. `dualhome fix --demo` runs it on the simulated server of `dualhome demo`",
    )
    .option(
      "--demo",
      "on the simulated server (no privileges; only the policy file and the summary are written)",
    )
    .option(
      "--rollback-after <s>",
      "each applied step reverts by itself after s seconds unless k is pressed (default 60; 0: off)",
    )
    .action((o: { demo?: boolean; rollbackAfter?: string }) =>
      run(loadForTerminal(() => import("./fix-command.js")).then((m) => m.fixCommand(ctx, o, globals()))),
    );

  program
    .command("snapshot")
    .description("one poll: interfaces, routes, policy rules (Linux), connections with verdicts, findings")
    .option("--json", "machine-readable output (schemaVersion 1)")
    .action((o: { json?: boolean }) =>
      run(
        import("./snapshot-command.js").then((m) =>
          m.snapshotCommand(ctx, { ...o, ...policyOf(globals()) }, "snapshot"),
        ),
      ),
    );

  program
    .command("check")
    .description(
      "the same analysis for scripts: exit 0 clean, 1 findings of severity error, 2 the tool failed",
    )
    .option("--json", "machine-readable output (schemaVersion 1)")
    .action((o: { json?: boolean }) =>
      run(
        import("./snapshot-command.js").then((m) =>
          m.snapshotCommand(ctx, { ...o, ...policyOf(globals()) }, "check"),
        ),
      ),
    );

  program
    .command("explain")
    .description(
      "which route, card, gateway and source address this host uses for a destination, and what the " +
        "policy expects (exit 0 ok, 1 wrong card or no route, 2 the tool failed)",
    )
    .argument("<dest>", "destination address")
    .option("--from <src>", "as a connection from this local address would go")
    .option(
      "--port <n>",
      "the destination port, for rules that select on ports (without it: the flow `ip route get` asks about)",
    )
    .option("--proto <tcp|udp>", "with --port: the protocol (default tcp)")
    .option("--json", "machine-readable output (schemaVersion 1)")
    .action((dest: string, o: { from?: string; port?: string; proto?: string; json?: boolean }) =>
      run(
        import("./explain-command.js").then((m) =>
          m.explainCommand(ctx, dest, { ...o, ...policyOf(globals()) }),
        ),
      ),
    );

  program
    .command("probe")
    .description("a TCP connect (what telnet was used for): source address, card, outcome and time")
    .argument("<host>", "address or name to connect to, or host:port ([fe80::1]:22 for IPv6)")
    .argument("[port]", "TCP port, 1-65535 (unless given as host:port)")
    .option("--timeout <ms>", "give up after this many milliseconds", "5000")
    .option("--json", "machine-readable output (schemaVersion 1)")
    .action((host: string, port: string | undefined, o: { timeout?: string; json?: boolean }) =>
      run(import("./probe-command.js").then((m) => m.probeCommand(ctx, host, port, o))),
    );

  const analyzeCmd = program
    .command("analyze")
    .description(
      "the diagnosis of another machine from its saved command outputs (any subset; one file works)",
    )
    .addHelpText(
      "after",
      "\nFiles by platform:\n" +
        "  windows: --route-print F --netstat F --ipconfig F (route print, netstat -ano, ipconfig /all)\n" +
        "           or PowerShell JSON: --ps-routes --ps-addresses --ps-interfaces --ps-tcp --ps-udp\n" +
        "           (Get-NetRoute | ConvertTo-Json, and so on)\n" +
        "  linux:   --ip-route F (ip route show table all, text or -json) --ip-rule F (ip rule)\n" +
        "           --ip-addr F (ip -json addr) --ss F (ss -tuan)\n" +
        "  darwin:  --netstat-rn F --netstat-an F (netstat -anv -p tcp) --ifconfig F\n" +
        "Output as snapshot; exit codes as check (0 clean, 1 errors found, 2 the tool failed).",
    )
    .requiredOption("--platform <os>", "windows, linux or darwin")
    .option("--host <name>", "name to show for the machine", "saved")
    .option("--json", "machine-readable output (schemaVersion 1)");
  for (const [key, flag] of Object.entries(SAVED_FILE_OPTIONS))
    analyzeCmd.option(`${flag} <file>`, `saved output (${key})`);
  analyzeCmd.action((o: Record<string, string | boolean | undefined>) =>
    run(import("./analyze-command.js").then((m) => m.analyzeCommand(ctx, { ...o, ...policyOf(globals()) }))),
  );

  program
    .command("lab")
    .description("Linux, root: build the story of the wrong card for real out of network namespaces")
    .argument("<action>", "up, down or status")
    .option("--prefix <name>", "namespace name prefix", "dh")
    .option("--json", "machine-readable status")
    .action((action: string, o: { prefix?: string; json?: boolean }) => {
      if (!["up", "down", "status"].includes(action)) {
        ctx.err(`dualhome: lab ${action}: unknown action; use up, down or status\n`);
        setExit(2);
        return;
      }
      return run(import("./lab-command.js").then((m) => m.labCommand(ctx, action, o)));
    });

  registerChangeCommands(program, ctx, setExit, globals);
  registerFleetCommands(program, ctx, setExit);
  registerExportCommand(program, ctx, setExit);
}

function policyOf(g: { policy?: string }): { policy?: string } {
  return g.policy ? { policy: g.policy } : {};
}
