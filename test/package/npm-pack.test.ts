// npm as a channel: the tarball `npm pack` makes installs into an empty folder
// without the dev dependencies and runs `npx dualhome demo`; it carries no bench,
// test or source-map files.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasTmux, TmuxSession } from "../e2e/tmux-driver.js";
import { ROOT, runToFiles } from "./release-helpers.js";

const hasDist = (() => {
  try {
    return readdirSync(path.join(ROOT, "dist", "src")).includes("cli.js");
  } catch {
    return false;
  }
})();

describe.runIf(hasDist)("npm pack, then npm install of the tarball into an empty folder", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dh-npm-"));
  let tarball = "";
  const tmux = new TmuxSession(`dualhome-npm-${process.pid}-${Date.now()}`);
  beforeAll(() => {
    // --ignore-scripts: the test's build (pretest) is the one packed; prepare would only rebuild it.
    const pack = runToFiles(["npm", "pack", "--ignore-scripts", "--silent", "--pack-destination", dir]);
    expect(pack.code, pack.stderr).toBe(0);
    tarball = path.join(dir, pack.stdout.trim().split("\n").at(-1) ?? "");
    // The dependencies come from the npm cache npm ci filled; the registry only when it lacks one.
    const install = spawnSync(
      "npm",
      ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball],
      { cwd: dir, encoding: "utf8", timeout: 180_000 },
    );
    expect(install.status, install.stderr).toBe(0);
  }, 240_000);
  afterAll(async () => {
    await tmux.kill();
    await tmux.killServer();
    rmSync(dir, { recursive: true, force: true });
  });

  it("holds bin, the compiled app and the build check; no bench, tests, sources or maps", () => {
    const list = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    expect(list).toContain("package/bin/dualhome.js");
    expect(list).toContain("package/dist/src/cli.js");
    expect(list).toContain("package/dist/src/system/journal/watchdog-main.js");
    expect(list).toContain("package/dist/src/system/lab/lab-agent.js");
    const unwanted = /^package\/(src|test|bench|dist\/bench|dist\/test)\/|\.map$|\.tsx?$|bundle-main/;
    expect(list.filter((f) => unwanted.test(f))).toEqual([]);
  });

  it("installs no dev dependency, and its prepare script is harmless in the installed package", () => {
    const modules = readdirSync(path.join(dir, "node_modules"));
    for (const dev of ["typescript", "vitest", "esbuild", "postject", "@biomejs"])
      expect(modules).not.toContain(dev);
    const prepare = runToFiles([
      process.execPath,
      path.join(dir, "node_modules/dualhome/scripts/build-if-stale.js"),
      "--install",
    ]);
    expect(prepare).toMatchObject({ code: 0, stderr: "" });
  });

  it("npx dualhome --version, and npx dualhome demo draws the stuck flow in tmux", async () => {
    const v = spawnSync("npx", ["--no-install", "dualhome", "--version"], { cwd: dir, encoding: "utf8" });
    expect(v.stdout.trim()).toMatch(/^dualhome 0\.1\.0 \(commit unknown, linux-x64\)$/);
    if (!hasTmux) return;
    await tmux.start(160, 45, ["env", "-C", dir, "npx", "--no-install", "dualhome", "demo"]);
    await tmux.waitFor("the stuck flow marked wrong NIC", (t) =>
      /✗.*192\.168\.1\.10:\d+\s+10\.1\.1\.20:5061\s+SYN_SENT\s+ext→int\s+wrong NIC/.test(t),
    );
    await tmux.type("q");
    await tmux.waitGone();
  }, 60_000);
});
