// The one-file bundle of the app (CommonJS, as Node 20's single executables need).
// Two dependencies use top-level await, which CommonJS cannot have: yoga-layout
// awaits its WebAssembly (inlined as base64, so nothing to ship beside it) and Ink's
// reconciler awaits its devtools only in development. Both are rewritten while
// bundling; the entry awaits yoga's promise before anything renders.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

// yoga-layout's index without the top-level await: the same object, filled in when ready.
const YOGA_INDEX = `
import loadYoga from "../binaries/yoga-wasm-base64-esm.js";
import wrapAssembly from "./wrapAssembly.js";
const Yoga = {};
export const yogaReady = loadYoga().then((lib) => Object.assign(Yoga, wrapAssembly(lib)));
export default Yoga;
export * from "./generated/YGEnums.js";
`;

// Ink's development-only awaits (devtools, its package.json): production never runs them.
const INK_RECONCILER_EDITS = [
  ["await import('./devtools.js');", "void 0;"],
  ["? await loadPackageJson()", "? { name: undefined, version: undefined }"],
];

const LOG_EXPORT = "export default logUpdate;";
const INK_LOG = fileURLToPath(new URL("../dist/src/components/ink-log.js", import.meta.url));

function edit(text, edits, file) {
  let out = text;
  for (const [from, to] of edits) {
    if (!out.includes(from))
      throw new Error(`package: ${file} changed (no "${from}"): update package-bundle.mjs`);
    out = out.replace(from, to);
  }
  return out;
}

const topLevelAwaitFixes = {
  name: "top-level-await-fixes",
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("wrapAssembly(await loadYoga())"))
        throw new Error("package: yoga-layout's index.js changed: update package-bundle.mjs");
      return { contents: YOGA_INDEX, loader: "js" };
    });
    // Ink's Output, built a row at a time from what changed (src/components/ink-output.ts).
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, () => ({
      contents: 'export { FastOutput as default } from "./dist/src/components/ink-output.js";',
      resolveDir: fileURLToPath(new URL("..", import.meta.url)),
      loader: "js",
    }));
    // Ink's log, which rewrites only the changed lines of the live screen (src/components/ink-log.ts).
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]log-update\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const edits = [
        [
          LOG_EXPORT,
          `import { patchLogUpdate } from ${JSON.stringify(INK_LOG)};\nexport default patchLogUpdate(logUpdate);`,
        ],
      ];
      return { contents: edit(text, edits, args.path), loader: "js" };
    });
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      return { contents: edit(text, INK_RECONCILER_EDITS, args.path), loader: "js" };
    });
  },
};

/** Bundles dist/src/bundle-main.js (tsc output) and its dependencies into outfile. */
export async function bundle({ root, outfile, commit }) {
  const result = await build({
    stdin: {
      contents:
        'import { yogaReady } from "yoga-layout";\n' +
        'import { runBundled } from "./dist/src/bundle-main.js";\n' +
        "void runBundled(yogaReady);\n",
      resolveDir: root,
      sourcefile: "bundle-entry.js",
    },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile,
    legalComments: "none",
    logLevel: "warning",
    plugins: [topLevelAwaitFixes],
    // import.meta has no CommonJS form: the few users want a file URL of "this module".
    define: {
      "import.meta.url": "__dualhome_import_meta_url",
      "process.env.NODE_ENV": '"production"',
      __DUALHOME_COMMIT__: JSON.stringify(commit),
      __DUALHOME_BUNDLED__: "true",
    },
    banner: {
      js:
        "#!/usr/bin/env node\n" +
        'var __dualhome_import_meta_url = require("node:url").pathToFileURL(' +
        'typeof __filename === "string" ? __filename : process.execPath).href;',
    },
    metafile: true,
  });
  return result;
}
