// The walls of docs/ARCHITECTURE.md are kept by Biome (biome.json's overrides and
// noImportCycles): each rule is shown to bite on a small project that crosses it, with
// the repository's own biome.json, and to let the one file allowed across pass.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const biome = path.resolve("node_modules/.bin/biome");
let dir = "";

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});

/** Lints a project made of `files` under the repository's biome.json; the diagnostics' text. */
function lint(files: Record<string, string>): { failed: boolean; text: string } {
  dir = mkdtempSync(path.join(tmpdir(), "dualhome-walls-"));
  copyFileSync("biome.json", path.join(dir, "biome.json"));
  execFileSync("git", ["init", "-q", dir]);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const r = spawnSync(biome, ["lint", "--max-diagnostics=50", "."], { cwd: dir, encoding: "utf8" });
  return { failed: r.status !== 0, text: `${r.stdout}${r.stderr}` };
}

const LINUX = { "src/system/linux/linux-commands.ts": "export const argv = ['ip'];\n" };
const importsLinux = (from: string) => `import { argv } from "${from}";\nexport const x = argv;\n`;

describe("the walls bite", () => {
  it("app, components and commands do not name a backend; wiring.ts may", () => {
    const crossing = lint({
      ...LINUX,
      "src/app/live/state.ts": importsLinux("../../system/linux/linux-commands.js"),
      "src/components/Pane.tsx": importsLinux("../system/linux/linux-commands.js"),
      "src/commands/snapshot-command.ts": importsLinux("../system/linux/linux-commands.js"),
    });
    expect(crossing.failed).toBe(true);
    for (const f of ["src/app/live/state.ts", "src/components/Pane.tsx", "src/commands/snapshot-command.ts"])
      expect(crossing.text).toContain(`${f}:1`);
    expect(crossing.text).toContain("declare a capability on Platform");
    const wiring = lint({
      ...LINUX,
      "src/app/change/wiring.ts": importsLinux("../../system/linux/linux-commands.js"),
    });
    expect(wiring.text).not.toContain("noRestrictedImports");
    expect(wiring.failed).toBe(false);
  });

  it("a backend does not import a sibling backend", () => {
    const r = lint({
      "src/system/windows/classic-parts.ts": "export const failed = 1;\n",
      "src/system/darwin/darwin-parts.ts":
        'import { failed } from "../windows/classic-parts.js";\nexport const x = failed;\n',
    });
    expect(r.failed).toBe(true);
    expect(r.text).toContain("src/system/darwin/darwin-parts.ts:1");
    expect(r.text).toContain("move what they share to src/system/parts/");
  });

  it("core imports neither node: modules nor any layer above it", () => {
    const r = lint({
      "src/core/plan.ts": 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
      "src/core/lookup.ts":
        'import type { Platform } from "../system/platform.js";\nexport type X = Platform;\n',
      "src/system/platform.ts": "export type Platform = { id: string };\n",
    });
    expect(r.failed).toBe(true);
    expect(r.text).toContain("src/core/plan.ts:1");
    expect(r.text).toContain("src/core/lookup.ts:1");
    expect(r.text).toContain("no node: modules");
  });

  it("execa lives only in system/exec/, ip-address only in core/ip.ts", () => {
    const r = lint({
      "src/system/probe.ts": 'import { execa } from "execa";\nexport const x = execa;\n',
      "src/app/probe.ts": 'import { Address4 } from "ip-address";\nexport const x = Address4;\n',
      "src/system/exec/runner.ts": 'import { execa } from "execa";\nexport const x = execa;\n',
      "src/core/ip.ts": 'import { Address4 } from "ip-address";\nexport const x = Address4;\n',
    });
    expect(r.failed).toBe(true);
    expect(r.text).toContain("src/system/probe.ts:1");
    expect(r.text).toContain("src/app/probe.ts:1");
    expect(r.text).not.toContain("src/system/exec/runner.ts:1");
    expect(r.text).not.toContain("src/core/ip.ts:1");
  });

  it("no import circle, not even through a type-only import", () => {
    const r = lint({
      "src/core/lookup.ts":
        'import { rules } from "./lookup-rules.js";\nexport interface Query { q: string }\nexport const x = rules;\n',
      "src/core/lookup-rules.ts":
        'import type { Query } from "./lookup.js";\nexport const rules = (q: Query) => q;\n',
    });
    expect(r.failed).toBe(true);
    expect(r.text).toContain("noImportCycles");
    expect(r.text).toContain("src/core/lookup-rules.ts:1");
  });
});
