// Finds one classified connection of an analysis by its local and remote
// endpoints, for the story tests.
import type { Analysis, ClassifiedConnection } from "../../../src/core/model.js";

export const byLocal = (a: Analysis, local: string, remote: string): ClassifiedConnection => {
  const c = a.connections.find(
    (x) =>
      `${x.local.address}:${x.local.port}` === local && `${x.remote.address}:${x.remote.port}` === remote,
  );
  if (!c) throw new Error(`no connection ${local} → ${remote}`);
  return c;
};
