// The command line: global options and every command, for people and for tests.
import { Command, Option } from "commander";
import { asciiOnly } from "../core/visible-text.js";
import { versionLine } from "../version.js";
import type { Ctx } from "./context.js";
import { registerCommands } from "./register.js";

export function buildProgram(ctx: Ctx, setExit: (code: number) => void): Command {
  const program = new Command("dualhome")
    .description(
      "Live troubleshooter for servers with two network cards on one subnet: routes and connections side by " +
        "side, flows leaving the wrong card marked, interface-pinned route fixes that are confirmed, verified " +
        "and undoable.",
    )
    .version(versionLine(), "-V, --version")
    .addOption(
      new Option(
        "--policy <file>",
        "policy file (JSON or YAML) naming which card each destination should use",
      ),
    )
    .addOption(
      new Option("--interval <ms>", "poll interval of the live screen in milliseconds").default("1000"),
    )
    .option("--read-only", "refuse every change")
    .option("--no-color", "no colours (also when NO_COLOR is set)")
    .option("--ascii", "no box drawing or symbols, for raw consoles")
    .addHelpText(
      "after",
      "\nEnvironment: DUALHOME_ASCII=1 as --ascii; NO_COLOR as --no-color; DUALHOME_STATE_DIR where the journal\n" +
        "lives (default: /var/lib/dualhome for root, ~/.local/state/dualhome otherwise); DUALHOME_DEV=1 runs React and Ink in development mode (slower, for debugging the screen).",
    )
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err })
    .exitOverride()
    .hook("preAction", () => {
      if (program.opts().color === false) ctx.color = false;
      // --ascii reaches every text a command prints, not only the live screen.
      if (ctx.ascii || !(program.opts().ascii || ctx.env.DUALHOME_ASCII === "1")) return;
      const { out, err } = ctx;
      ctx.ascii = true;
      ctx.out = (text) => out(asciiOnly(text, true));
      ctx.err = (text) => err(asciiOnly(text));
    });
  registerCommands(program, ctx, setExit);
  return program;
}
