import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Kernel and tmux tests share namespaces and terminals: keep files in one process pool but sequential per file.
    fileParallelism: true,
  },
});
