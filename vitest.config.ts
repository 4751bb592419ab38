import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at a time (the CI machine has two cores): every namespace, tmux session and
    // state directory a test makes has a name of its own, so files do not meet; tests within
    // a file run in order.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
