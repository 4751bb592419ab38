// The files `dualhome analyze` reads, per platform, each with the option that gives it:
// one table for --help, for analyze's checks and for the "not given" messages.
export const SAVED_FILES = {
  windows: {
    routePrint: "--route-print",
    netstat: "--netstat",
    ipconfig: "--ipconfig",
    psInterfaces: "--ps-interfaces",
    psAddresses: "--ps-addresses",
    psRoutes: "--ps-routes",
    psTcp: "--ps-tcp",
    psUdp: "--ps-udp",
  },
  linux: { ipRoute: "--ip-route", ipRule: "--ip-rule", ipAddr: "--ip-addr", ss: "--ss" },
  darwin: { netstatRn: "--netstat-rn", netstatAn: "--netstat-an", ifconfig: "--ifconfig" },
} as const;

export type SavedPlatform = keyof typeof SAVED_FILES;
export type SavedFileKey = {
  [P in SavedPlatform]: keyof (typeof SAVED_FILES)[P];
}[SavedPlatform];

/** Every file key of every platform with its option, in --help's order. */
export const SAVED_FILE_OPTIONS: Readonly<Record<SavedFileKey, string>> = {
  ...SAVED_FILES.windows,
  ...SAVED_FILES.linux,
  ...SAVED_FILES.darwin,
};

/** Own keys only: `--platform __proto__` or `constructor` must not find Object's members. */
export function isSavedPlatform(name: string): name is SavedPlatform {
  return Object.hasOwn(SAVED_FILES, name);
}
