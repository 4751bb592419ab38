// Files the guided fix leaves behind (the policy file and the summary), written
// relative to the working directory. An existing file is kept as `<name>.bak`.
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface WrittenFile {
  path: string;
  backup: string | null;
}

export function nodeFixFiles(cwd: string): {
  write(file: string, text: string): Promise<WrittenFile>;
  beside(file: string, name: string): string;
} {
  return {
    async write(file, text) {
      const abs = path.resolve(cwd, file);
      mkdirSync(path.dirname(abs), { recursive: true });
      let backup: string | null = null;
      if (existsSync(abs)) {
        backup = `${abs}.bak`;
        renameSync(abs, backup);
      }
      writeFileSync(abs, text, { mode: 0o644 });
      return { path: abs, backup };
    },
    beside: (file, name) => path.join(path.dirname(path.resolve(cwd, file)), name),
  };
}
