// The command line: global options and every command, for people and for tests.
import { Command, Option } from "commander";
import { asciiOnly } from "../core/visible-text.js";
import { versionLine } from "../version.js";
import type { Ctx } from "./context.js";
import { registerCommands } from "./register.js";
import { attachRemote, REMOTE_COMMANDS, refuseOverSsh } from "./remote-session.js";

/** --ssh: log in before the command runs, or refuse a command that cannot run remotely. */
async function remoteFirst(program: Command, action: Command, ctx: Ctx): Promise<void> {
  const { ssh, sshConfig } = program.opts<{ ssh?: string; sshConfig?: string }>();
  if (ssh === undefined || ctx.remote) return;
  let top = action;
  while (top.parent && top.parent !== program) top = top.parent;
  const name = top.name();
  if (!(REMOTE_COMMANDS as readonly string[]).includes(name)) throw refuseOverSsh(name, ssh);
  // The live screen over SSH only reads: a change there needs the watchdog on that host.
  program.setOptionValue("readOnly", true);
  await attachRemote(ctx, ssh, sshConfig);
}

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
    .option(
      "--ssh <[user@]host>",
      `read another host through OpenSSH (your ssh config, keys and known_hosts; nothing installed there): ${REMOTE_COMMANDS.join(", ")}, read-only (probe connects from there)`,
    )
    .option("--ssh-config <file>", "the ssh config file for --ssh and audit (ssh -F)")
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
    .hook("preAction", async (_program, action) => {
      if (program.opts().color === false) ctx.color = false;
      await remoteFirst(program, action, ctx);
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
