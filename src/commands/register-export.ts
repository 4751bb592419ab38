// `dualhome export`, wired like the commands of register.ts: loaded only when run, so
// the other commands never pay for prom-client and node:http.
import type { Command } from "commander";
import type { Ctx } from "./context.js";
import { DEFAULT_LISTEN } from "./listen-address.js";

export function registerExportCommand(program: Command, ctx: Ctx, setExit: (code: number) => void): void {
  program
    .command("export")
    .description(
      "the analysis as Prometheus metrics: flows by verdict and card, findings, stuck SYNs, routes, " +
        "sockets, default gateways, one dualhome_up per part; served on /metrics and/or written for " +
        "node_exporter's textfile collector",
    )
    .option(
      "--listen <[addr:]port>",
      `serve /metrics here (default ${DEFAULT_LISTEN}; [::1]:9877 for IPv6; every address only as 0.0.0.0:PORT or [::]:PORT)`,
    )
    .option(
      "--textfile <dir>",
      "write <dir>/dualhome.prom after every poll, atomically (without --listen: no server)",
    )
    .option("--every <s>", "seconds from the end of one poll to the start of the next (default 15)")
    .option(
      "--once",
      "poll once, print the metrics (or write --textfile) and exit: 0, or 2 if the host did not answer",
    )
    .option("--demo", "the simulated server of `dualhome demo` (no privileges)")
    .addHelpText(
      "after",
      '\nThe metrics and example alert rules: README.md, "Export to Prometheus". A part that cannot be read\n' +
        "keeps its last values and its dualhome_up{part} goes to 0. The global --policy applies.",
    )
    .action((o: { listen?: string; textfile?: string; every?: string; once?: boolean; demo?: boolean }) => {
      const policy = program.opts<{ policy?: string }>().policy;
      return import("./export-command.js")
        .then((m) => m.exportCommand(ctx, { ...o, ...(policy ? { policy } : {}) }))
        .then(setExit);
    });
}
