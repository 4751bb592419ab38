// What the long-lived PowerShell is asked each poll. One line, because `-Command -`
// runs stdin line by line; each cmdlet in its own try so the parts fail separately;
// Select-Object keeps the JSON to the properties we read (whole CIM objects are
// large and slow to serialise).

export const POWERSHELL_SESSION = [
  "powershell.exe",
  "-NoLogo",
  "-NoProfile",
  "-NonInteractive",
  "-Command",
  "-",
];

/** Sent once: UTF-8 without a BOM, so non-ASCII interface aliases survive the pipe (PowerShell 3+). */
export const SESSION_SETUP =
  "[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false; $ProgressPreference = 'SilentlyContinue'\n";

const ROUTE_FIELDS =
  "DestinationPrefix,NextHop,InterfaceIndex,InterfaceAlias,RouteMetric,InterfaceMetric,AddressFamily,Store,PolicyStore";

function part(key: string, expr: string): string {
  return `try { $r.${key} = @(${expr}) } catch { $r.${key}Error = $_.Exception.Message }`;
}

/**
 * The cheap change check before a full route read: the kernel's route counts (IP Helper's
 * GetIpStatistics, microseconds) compared with the last full read, kept in the session.
 * A replace that keeps the count is caught by the periodic full read (`fullRoutes`).
 */
const ROUTE_COUNT =
  "$n = [System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties(); " +
  "$c = '' + $n.GetIPv4GlobalStatistics().NumberOfRoutes + '/' + $n.GetIPv6GlobalStatistics().NumberOfRoutes";

/** The poll script, ending with `marker` on a line of its own. */
export function pollScript(
  marker: string,
  opts: { processNames?: boolean; fullRoutes?: boolean } = {},
): string {
  if (!/^[A-Za-z0-9_-]+$/.test(marker)) throw new Error(`unsafe marker ${marker}`);
  const steps = [
    "$ErrorActionPreference = 'Stop'",
    "$r = [ordered]@{ host = $env:COMPUTERNAME }",
    "try { $r.admin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) } catch { }",
    part(
      "interfaces",
      "Get-NetIPInterface | Select-Object ifIndex,InterfaceAlias,AddressFamily,InterfaceMetric,ConnectionState",
    ),
    part(
      "addresses",
      "Get-NetIPAddress | Select-Object IPAddress,InterfaceIndex,InterfaceAlias,AddressFamily,PrefixLength,SkipAsSource,AddressState,Store,PolicyStore",
    ),
    `try { ${ROUTE_COUNT} } catch { $c = $null }`,
    `if (${opts.fullRoutes ? "$true" : "$false"} -or $c -eq $null -or $c -ne $global:dhRouteCount) { ${part(
      "routes",
      `Get-NetRoute | Select-Object ${ROUTE_FIELDS}) + @(Get-NetRoute -PolicyStore PersistentStore -ErrorAction SilentlyContinue | Select-Object ${ROUTE_FIELDS}`,
    )}; $global:dhRouteCount = $c } else { $r.routesUnchanged = $true }`,
    part(
      "tcp",
      "Get-NetTCPConnection | Select-Object LocalAddress,LocalPort,RemoteAddress,RemotePort,State,OwningProcess",
    ),
    part("udp", "Get-NetUDPEndpoint | Select-Object LocalAddress,LocalPort,OwningProcess"),
    ...(opts.processNames ? [part("processes", "Get-Process | Select-Object Id,ProcessName")] : []),
    "$r | ConvertTo-Json -Depth 3 -Compress",
  ];
  return `& { ${steps.join("; ")} }; '${marker}'\n`;
}
