// Commands that change routes: route add | del, keep, undo, journal (issue: changing routes safely).
import type { Command } from "commander";
import type { Ctx, Globals } from "./context.js";
import type { RouteOptions } from "./route-command.js";
import { refuseUntrustedState } from "./state-check.js";

export function registerChangeCommands(
  program: Command,
  ctx: Ctx,
  setExit: (code: number) => void,
  globals: () => Globals,
): void {
  const run = (p: Promise<number>) => p.then(setExit);
  const changeGlobals = () => {
    const g = globals();
    return { ...(g.readOnly ? { readOnly: true } : {}), ...(g.policy ? { policy: g.policy } : {}) };
  };

  const route = program
    .command("route")
    .description("add or remove an interface-pinned route: shown, confirmed, journaled, verified, undoable")
    // Without root the change is refused first, with the sudo line to run; the state is root's then.
    .hook("preAction", () => {
      if (ctx.isRoot) refuseUntrustedState(ctx);
    });

  const common = (c: Command) =>
    c
      .option("--table <t>", "Linux: a routing table other than main (a number or a name from rt_tables)")
      .option("--yes", "apply without asking (needed when there is no terminal)")
      .option("--rollback-after <s>", "revert by itself after s seconds unless `dualhome keep` is run")
      .option(
        "--wait",
        "with --rollback-after: stay until the change is kept or reverted (exit 0 kept, 1 reverted)",
      );

  common(
    route
      .command("add")
      .description("add a route pinned to a card, e.g. route add 10.0.0.0/8 --via 192.168.1.254 --dev eth1")
      .argument("<prefix>", "destination prefix, e.g. 10.0.0.0/8")
      .requiredOption("--via <gw>", "gateway address")
      .requiredOption("--dev <iface>", "the card: name, index or one of its addresses")
      .option("--metric <n>", "route metric, 0-9999")
      .option(
        "--persist",
        "also make it survive a reboot (route -p, NetworkManager; otherwise shows the lines to add)",
      ),
  ).action((prefix: string, o: RouteOptions) =>
    run(import("./route-command.js").then((m) => m.routeCommand(ctx, "add", prefix, o, changeGlobals()))),
  );

  common(
    route
      .command("del")
      .alias("delete")
      .description("remove a route (the one the table holds; --via and --dev choose among several)")
      .argument("<prefix>", "destination prefix, e.g. 10.0.0.0/8")
      .option("--via <gw>", "gateway of the route to remove")
      .option("--dev <iface>", "card of the route to remove")
      .option("--metric <n>", "metric of the route to remove")
      .option("--persist", "also remove it from the saved configuration (NetworkManager)"),
  ).action((prefix: string, o: RouteOptions) =>
    run(import("./route-command.js").then((m) => m.routeCommand(ctx, "delete", prefix, o, changeGlobals()))),
  );

  program
    .command("keep")
    .description("keep a change applied with --rollback-after (all waiting ones without an id)")
    .argument("[id]", "journal id of the change")
    .hook("preAction", () => refuseUntrustedState(ctx))
    .action((id: string | undefined) => run(import("./keep-command.js").then((m) => m.keepCommand(ctx, id))));

  program
    .command("undo")
    .description(
      "revert a change from the journal (the last applied one without an id); a guided fix as a whole",
    )
    .argument("[id]", "journal id of the change (see `dualhome journal`)")
    .hook("preAction", () => refuseUntrustedState(ctx))
    .option("--yes", "revert without asking (needed when there is no terminal)")
    .option("--only", "of a guided fix, revert only this change, not the whole fix")
    .option(
      "--settle",
      "change <id>'s revert failed and you put it right by hand: journal it as settled, run nothing",
    )
    .action((id: string | undefined, o: { yes?: boolean; only?: boolean; settle?: boolean }) =>
      run(import("./undo-command.js").then((m) => m.undoCommand(ctx, { ...o, id }, changeGlobals()))),
    );

  program
    .command("journal")
    .description("list the changes made on this host (in this network namespace) and what became of them")
    .option("--json", "machine-readable output (schemaVersion 1)")
    .option("--all", "also the changes made in other network namespaces or on other hosts, marked")
    .option("--tidy", "remove damaged lines (a backup journal.jsonl.bak is kept); asks first")
    .option("--yes", "with --tidy: do not ask (needed when there is no terminal)")
    .action((o: { json?: boolean; all?: boolean; tidy?: boolean; yes?: boolean }) =>
      run(
        o.tidy
          ? import("./journal-tidy-command.js").then((m) => m.journalTidyCommand(ctx, o))
          : import("./journal-command.js").then((m) => m.journalCommand(ctx, o)),
      ),
    );
}
