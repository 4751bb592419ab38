// The house refactor's pure moves as one scripted step (issue 16): a path map for
// sources, tests mirrored from it, `git mv`, then every relative specifier and every
// quoted `src/…` path rewritten to the new place. Re-running it after it ran is a no-op.
//   node scripts/house-move.mjs [--dry]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";

const dry = process.argv.includes("--dry");
const live = [
  "state",
  "reducer",
  "poller",
  "merge-parts",
  "controller",
  "keymap",
  "view-model",
  "pick-change",
  "change-controller",
  "change-state",
  "change-view",
  "route-form",
  "rollback-watch",
  "conn-order",
  "sort-order",
  "row-counts",
  "line-edit",
  "probe-evidence",
];
const change = {
  "change-runner": "runner",
  "change-prepare": "prepare",
  "change-undo": "undo",
  "change-journaled": "run-journaled",
  "change-extra": "extra",
  "change-outcome": "outcome",
  "change-persistence": "persistence",
  "verify-change": "verify",
  "change-text": "text",
  "change-journal": "keep",
  "change-readback": "readback",
  "change-reset": "reset",
  "change-host": "host",
  "change-demo": "demo",
};
const fix = [
  "answers",
  "apply",
  "extras",
  "facts",
  "keep",
  "keys",
  "machine",
  "observe",
  "pending",
  "plan",
  "proof",
  "questions",
  "session",
  "suggest",
  "summary",
  "text",
  "types",
  "wiring",
  "write",
];
const exec = [
  "runner",
  "runner-session",
  "runner-stream",
  "runner-detached",
  "runner-types",
  "stream-types",
  "netns-runner",
  "spawn-helper",
  "spawn-helper-main",
  "self-launch",
];
const journal = {
  journal: "journal",
  "journal-queries": "queries",
  "journal-describe": "describe",
  "journal-place": "place",
  "journal-tidy": "tidy",
  revert: "revert",
  "revert-plan": "revert-plan",
  "extra-revert": "extra-revert",
  "persist-revert": "persist-revert",
  watchdog: "watchdog",
  "watchdog-main": "watchdog-main",
  "watchdog-run": "watchdog-run",
  "state-dir": "state-dir",
  "change-lock": "change-lock",
  "safe-open": "safe-open",
  "write-fault": "write-fault",
};

/** Source moves, paths under src/ without extension. */
const srcMap = new Map([
  ["app/explain", "core/explain"],
  ["app/live-session", "app/live/session"],
  ...live.map((b) => [`app/${b}`, `app/live/${b}`]),
  ...Object.entries(change).map(([a, b]) => [`app/${a}`, `app/change/${b}`]),
  ...fix.map((b) => [`app/fix-${b}`, `app/fix/${b}`]),
  ...exec.map((b) => [`system/${b}`, `system/exec/${b}`]),
  ...Object.entries(journal).map(([a, b]) => [`system/${a}`, `system/journal/${b}`]),
  ["system/windows/assemble", "system/parts/assemble"],
  ["system/windows/resolve-route-interfaces", "system/parts/resolve-route-interfaces"],
  ["system/validate", "core/route-change"],
  ["system/analyze-saved", "system/saved"],
]);
/** Files that leave src/ for test/support/ (whole repo-relative paths). */
const outOfSrc = new Map([
  ["src/system/fake-runner.ts", "test/support/fake-runner.ts"],
  ["src/system/fake-stream.ts", "test/support/fake-stream.ts"],
]);
/** Tests whose names do not start with their source's name. */
const testOverrides = new Map([
  ["test/app/change-impact.test.ts", "test/app/change/impact.test.ts"],
  ["test/app/live-probe-evidence.test.ts", "test/app/live/session-probe-evidence.test.ts"],
  ["test/app/poller-setup.ts", "test/app/live/poller-setup.ts"],
  ["test/app/rollback-discover.test.ts", "test/app/live/rollback-watch-discover.test.ts"],
  ["test/app/support/change-controller-setup.ts", "test/app/live/change-controller-setup.ts"],
  ["test/app/support/change-runner-setup.ts", "test/app/change/runner-setup.ts"],
  ["test/app/support/change-world.ts", "test/app/change/world.ts"],
  ["test/app/support/fake-changes.ts", "test/app/change/fake-changes.ts"],
  ["test/system/fake-runner.test.ts", "test/support/fake-runner.test.ts"],
  ["test/system/revert-rebuilt.test.ts", "test/system/journal/revert-rebuilt.test.ts"],
]);

const git = (...args) => execFileSync("git", args, { encoding: "utf8" });
const tracked = git("ls-files").split("\n").filter(Boolean);

function fileMoves() {
  const moves = new Map();
  for (const f of tracked) {
    const m = /^src\/(.+)\.(tsx?)$/.exec(f);
    if (m && srcMap.has(m[1])) moves.set(f, `src/${srcMap.get(m[1])}.${m[2]}`);
    if (outOfSrc.has(f)) moves.set(f, outOfSrc.get(f));
  }
  for (const f of tracked) {
    if (!f.startsWith("test/")) continue;
    if (testOverrides.has(f)) {
      moves.set(f, testOverrides.get(f));
      continue;
    }
    const dir = posix.dirname(f).replace(/^test\/?/, "");
    const base = posix.basename(f);
    // the longest source name in the mirrored folder that starts this test's name
    let best = "";
    for (const [from] of srcMap) {
      if (posix.dirname(from) !== dir) continue;
      const name = posix.basename(from);
      if ((base.startsWith(`${name}.`) || base.startsWith(`${name}-`)) && name.length > best.length)
        best = name;
    }
    if (dir === "app/fix" && base.startsWith("fix-")) {
      const name = fix.find((n) => base.startsWith(`fix-${n}.`) || base.startsWith(`fix-${n}-`));
      if (name) moves.set(f, `test/app/fix/${base.slice(4)}`);
      continue;
    }
    if (!best) continue;
    const to = srcMap.get(`${dir}/${best}`);
    moves.set(f, `test/${to}${base.slice(best.length)}`);
  }
  return moves;
}

const moves = fileMoves();
const newPath = (p) => moves.get(p) ?? p;
const codeExt = /\.(ts|tsx|mjs|js)$/;
const resolveSpec = (from, spec) => {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const stem = base.replace(/\.(js|ts|tsx)$/, "");
  for (const c of [base, `${stem}.ts`, `${stem}.tsx`]) if (tracked.includes(c)) return c;
  return undefined;
};

function rewriteSpecifiers(file, text) {
  const at = newPath(file);
  return text.replace(/(["'])(\.\.?\/[^"'\n]+?\.(?:js|ts|tsx|mjs))\1/g, (whole, q, spec) => {
    const target = resolveSpec(file, spec);
    if (!target || (newPath(target) === target && at === file)) return whole;
    const moved = newPath(target);
    let rel = posix.relative(posix.dirname(at), moved);
    if (!rel.startsWith(".")) rel = `./${rel}`;
    const ext = spec.match(/\.(js|ts|tsx|mjs)$/)[1];
    const out = ext === "js" ? rel.replace(/\.(ts|tsx)$/, ".js") : rel;
    return `${q}${out}${q}`;
  });
}

/** `src/app/x.js`, `app/x.ts` and the like in strings, comments and docs. */
function rewritePaths(text) {
  let out = text;
  for (const [from, to] of moves) {
    if (!from.startsWith("src/")) continue;
    const oldStem = from.slice(4).replace(/\.(ts|tsx)$/, "");
    const newStem = to.startsWith("src/") ? to.slice(4).replace(/\.(ts|tsx)$/, "") : undefined;
    const esc = oldStem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = new RegExp(`(?<![\\w.-])(src/)?${esc}\\.(ts|tsx|js)(?![\\w-])`, "g");
    out = out.replace(re, (_whole, src, ext) =>
      newStem ? `${src ?? ""}${newStem}.${ext}` : to.replace(/\.ts$/, `.${ext}`),
    );
  }
  return out;
}

if (dry) {
  for (const [a, b] of moves) console.log(`${a} -> ${b}`);
  process.exit(0);
}
const texts = tracked.filter(
  (f) => (codeExt.test(f) || f.endsWith(".md") || f === "biome.json") && existsSync(f),
);
const rewritten = new Map();
for (const f of texts) {
  const before = readFileSync(f, "utf8");
  let after = codeExt.test(f) ? rewriteSpecifiers(f, before) : before;
  after = rewritePaths(after);
  if (after !== before) rewritten.set(f, after);
}
for (const [a, b] of moves) {
  execFileSync("mkdir", ["-p", dirname(b)]);
  git("mv", a, b);
}
for (const [f, text] of rewritten) writeFileSync(join(".", newPath(f)), text);
console.log(`${moves.size} files moved, ${rewritten.size} files rewritten`);
void relative;
