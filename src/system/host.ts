// Facts about the machine we run on. The one place that reads process.platform.
import os from "node:os";
import type { OsKind } from "../core/model.js";

export function hostOs(): OsKind | "unsupported" {
  switch (process.platform) {
    case "linux":
      return "linux";
    case "win32":
      return "windows";
    case "darwin":
      return "darwin";
    default:
      return "unsupported";
  }
}

export function isPrivileged(): boolean {
  // Windows has no uid; elevation there is checked by trying (route.exe says so).
  return typeof process.getuid === "function" ? process.getuid() === 0 : false;
}

export function hostName(): string {
  return os.hostname();
}
