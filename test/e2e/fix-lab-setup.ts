// A lab of its own for a `dualhome fix` test: unique namespace prefix, state
// directory and working directory, and the tmux session that runs fix inside
// the server namespace. Traffic goes only between the lab's own namespaces.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canUseNamespaces } from "../kernel/netns-helpers.js";
import { removeSocket, startIn } from "./fix-drive.js";
import { ensureBuilt, hasTmux, ROOT, TmuxSession } from "./tmux-driver.js";

const can = canUseNamespaces();
export const labReady = hasTmux && can.ok;
export const whyNot = hasTmux ? (can.ok ? "" : can.reason) : "tmux is not installed";

export function fixLab(tag: string) {
  const prefix = `dh${tag}${randomBytes(2).toString("hex")}`;
  const server = `${prefix}-server`;
  const bin = join(ROOT, "bin", "dualhome.js");
  const dir = mkdtempSync(join(tmpdir(), `dualhome-${tag}-lab-`));
  const state = mkdtempSync(join(tmpdir(), `dualhome-${tag}-state-`));
  const session = new TmuxSession(`dualhome-${tag}-lab-${process.pid}`);
  let socket = "";
  let up = false;
  const inServer = (...argv: string[]) =>
    execFileSync("ip", ["netns", "exec", server, ...argv], {
      encoding: "utf8",
      env: { ...process.env, DUALHOME_STATE_DIR: state },
    });
  return {
    server,
    bin,
    dir,
    state,
    session,
    inServer,
    /** The CLI in the server namespace, with this lab's state directory. */
    cli: (...args: string[]) => inServer(process.execPath, bin, ...args),
    async up() {
      await ensureBuilt();
      execFileSync(process.execPath, [bin, "lab", "up", "--prefix", prefix], { stdio: "pipe" });
      up = true;
      // The server talks to the internal router once (a TCP connect it refuses), as any host
      // on that LAN would have: its address is then in the neighbour table to be suggested.
      inServer(
        process.execPath,
        "-e",
        "const s=require('net').connect({host:'192.168.1.254',port:22});s.on('error',()=>process.exit(0));setTimeout(()=>process.exit(0),3000)",
      );
    },
    async startFix(...args: string[]) {
      socket = await startIn(session, dir, [
        "env",
        `DUALHOME_STATE_DIR=${state}`,
        "ip",
        "netns",
        "exec",
        server,
        process.execPath,
        bin,
        "fix",
        ...args,
      ]);
    },
    async down() {
      await session.kill();
      await session.tmux("kill-server").catch(() => undefined);
      if (socket) removeSocket(socket);
      if (up) execFileSync(process.execPath, [bin, "lab", "down", "--prefix", prefix], { stdio: "pipe" });
      rmSync(dir, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    },
  };
}
