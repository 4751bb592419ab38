// The counts issue 16 asks for, before and after the house moves: files per src folder,
// import cycles (runtime and type-only), exports nobody imports.
// usage: node scripts/house-counts.mjs [repo root]
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(process.argv[2] ?? ".");
function walk(d, out = []) {
  if (!fs.existsSync(d)) return out;
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name === "fixtures") continue;
      walk(p, out);
    } else if (/\.(ts|tsx|mjs|js)$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}
const files = ["src", "test", "bench", "scripts"].flatMap((d) => walk(path.join(root, d)));
const isSrc = (f) => f.startsWith(path.join(root, "src") + path.sep) && /\.tsx?$/.test(f);
function resolve(from, spec) {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec);
  const cands = [
    base,
    base.replace(/\.js$/, ".ts"),
    base.replace(/\.js$/, ".tsx"),
    `${base}.ts`,
    `${base}.tsx`,
  ];
  return cands.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}
const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+["']([^"']+)["']/g;
const reDyn = /import\(\s*["']([^"']+)["']\s*\)/g;
const edges = new Map(); // file -> [{to, typeOnly, names}]
for (const f of files) {
  const src = fs.readFileSync(f, "utf8");
  const list = [];
  for (const m of src.matchAll(re)) {
    const to = resolve(f, m[4]);
    if (!to) continue;
    const clause = m[3].trim();
    let typeOnly = !!m[2];
    let names = [];
    const br = clause.match(/\{([^}]*)\}/);
    if (br) {
      const parts = br[1]
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (!typeOnly && parts.length && parts.every((p) => p.startsWith("type "))) typeOnly = true;
      names = parts.map((p) =>
        p
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0]
          .trim(),
      );
    }
    if (/\*/.test(clause)) names.push("*");
    const def = clause
      .replace(/\{[^}]*\}/, "")
      .replace(/,/g, "")
      .trim();
    if (def && def !== "*" && !def.startsWith("* as") && m[1] === "import") names.push("default");
    if (/^\*\s+as/.test(clause) || clause === "*") names.push("*");
    list.push({ to, typeOnly, names, kind: m[1] });
  }
  for (const m of src.matchAll(reDyn)) {
    const to = resolve(f, m[1]);
    if (to) list.push({ to, typeOnly: false, names: ["*"], kind: "dyn" });
  }
  edges.set(f, list);
}
function scc(includeType) {
  const nodes = files.filter(isSrc);
  let idx = 0;
  const st = [],
    on = new Set(),
    ix = new Map(),
    low = new Map(),
    comps = [];
  function sc(v) {
    ix.set(v, idx);
    low.set(v, idx);
    idx++;
    st.push(v);
    on.add(v);
    for (const e of edges.get(v) ?? []) {
      if (e.kind === "dyn") continue;
      if (!includeType && e.typeOnly) continue;
      if (!isSrc(e.to)) continue;
      const w = e.to;
      if (!ix.has(w)) {
        sc(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), ix.get(w)));
    }
    if (low.get(v) === ix.get(v)) {
      const c = [];
      let w;
      do {
        w = st.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      const self = (edges.get(v) ?? []).some((e) => e.to === v);
      if (c.length > 1 || self) comps.push(c);
    }
  }
  for (const n of nodes) if (!ix.has(n)) sc(n);
  return comps;
}
const all = scc(true),
  runtime = scc(false);
const rel = (f) => path.relative(root, f);
// exports
const exportRe =
  /(?:^|\n)\s*export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(const|let|var|function\*?|class|type|interface|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/g;
const used = new Map();
for (const [f, list] of edges)
  for (const e of list) {
    if (e.to === f) continue;
    const s = used.get(e.to) ?? new Set();
    for (const n of e.names) s.add(n);
    used.set(e.to, s);
  }
const dead = [];
for (const f of files.filter(isSrc)) {
  const src = fs.readFileSync(f, "utf8");
  const u = used.get(f) ?? new Set();
  if (u.has("*")) continue;
  for (const m of src.matchAll(exportRe)) if (!u.has(m[2])) dead.push(`${rel(f)}:${m[2]}`);
  for (const m of src.matchAll(/(?:^|\n)\s*export\s+\{([^}]*)\}(?!\s*from)/g))
    for (const p of m[1].split(",")) {
      const n = p
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.replace(/^type\s+/, "");
      if (n && !u.has(n)) dead.push(`${rel(f)}:${n}`);
    }
}
// The bundler and bin/ reach some exports through generated source text, not imports.
const outside = ["bin", "scripts"]
  .flatMap((d) => walk(path.join(root, d)))
  .map((f) => fs.readFileSync(f, "utf8"))
  .join("\n");
for (let i = dead.length - 1; i >= 0; i--) {
  const name = dead[i]?.split(":").pop() ?? "";
  if (new RegExp(`\\b${name}\\b`).test(outside)) dead.splice(i, 1);
}
const appDir = path.join(root, "src/app");
const appFlat = fs.readdirSync(appDir, { withFileTypes: true }).filter((e) => e.isFile()).length;
const folderCounts = new Map();
for (const f of files.filter(isSrc)) {
  const d = path.relative(root, path.dirname(f));
  folderCounts.set(d, (folderCounts.get(d) ?? 0) + 1);
}
const largest = [...folderCounts].sort((a, b) => b[1] - a[1]).slice(0, 3);
console.log(
  JSON.stringify(
    {
      appFlatFiles: appFlat,
      largestFolders: largest,
      cyclesAll: all.length,
      cyclesRuntime: runtime.length,
      cyclesTypeOnly: all.length - runtime.length,
      cycles: all.map((c) => c.map(rel)),
      runtimeCycles: runtime.map((c) => c.map(rel)),
      deadExports: dead.length,
      dead,
    },
    null,
    1,
  ),
);
