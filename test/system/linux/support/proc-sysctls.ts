// /proc/sys/net/ipv4/conf as the Linux platform tests read it: 0 everywhere,
// except strict rp_filter on eth2.

export const proc = async (path: string) => {
  const m = /^\/proc\/sys\/net\/ipv4\/conf\/([^/]+)\/(\w+)$/.exec(path);
  if (!m) throw new Error(`unexpected read ${path}`);
  return m[1] === "eth2" && m[2] === "rp_filter" ? "1\n" : "0\n";
};
