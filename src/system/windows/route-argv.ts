// Route changes as argv, never as a command line: every value comes out of
// validateChange in canonical form (a prefix, an address, a number), so nothing the
// operator typed reaches route.exe or PowerShell unchecked.
//   route.exe:  https://learn.microsoft.com/windows-server/administration/windows-commands/route_ws2008
//   New-NetRoute / Remove-NetRoute:
//     https://learn.microsoft.com/powershell/module/nettcpip/new-netroute
//     https://learn.microsoft.com/powershell/module/nettcpip/remove-netroute
import { lenToMask } from "../../core/ip.js";
import type { NetInterface, RouteChange } from "../../core/model.js";
import { ValidationError, type ValidChange, validateChange } from "../../core/route-change.js";

export const POWERSHELL_COMMAND = ["powershell.exe", "-NoProfile", "-NonInteractive", "-Command"] as const;

function indexOf(v: ValidChange): string | null {
  if (!v.iface) return null;
  if (!Number.isInteger(v.iface.index) || v.iface.index <= 0)
    throw new ValidationError(
      `the index of card ${v.iface.name} is unknown (route print did not list it): collect with ipconfig /all and route print`,
      "interface",
    );
  return String(v.iface.index);
}

/**
 * `route add 10.0.0.0 mask 255.0.0.0 192.168.1.254 metric 10 IF 12 -p` and
 * `route delete 10.0.0.0 mask 255.0.0.0 192.168.1.254`. The IF index is printed in
 * decimal whatever form it was given in (0x10004 → 65540). `-p` stores the route with
 * that index: if the card is reinstalled and its index changes, the stored route
 * points at nothing (New-NetRoute stores the interface itself).
 */
export function routeExeArgv(change: RouteChange, interfaces: readonly NetInterface[]): string[] {
  const v = validateChange(change, interfaces);
  if (v.network.family !== 4)
    throw new ValidationError(
      "route.exe changes are IPv4 only here: use the PowerShell collector (New-NetRoute) for IPv6",
      "destination",
    );
  const [address] = v.destination.split("/");
  const head = ["route", v.action, address ?? "", "mask", lenToMask(v.prefixLen)];
  const ifIndex = indexOf(v);
  if (v.action === "delete") {
    if (v.gateway) return [...head, v.gateway];
    // Without a gateway route.exe deletes the destination on every card: narrow it.
    return ifIndex ? [...head, "IF", ifIndex] : head;
  }
  const argv = [...head, v.gateway ?? "0.0.0.0"];
  if (v.metric !== undefined) {
    if (v.metric < 1) throw new ValidationError("route.exe takes a metric from 1 to 9999", "metric");
    argv.push("metric", String(v.metric));
  }
  if (ifIndex) argv.push("IF", ifIndex);
  if (v.persistent) argv.push("-p");
  return argv;
}

/**
 * `New-NetRoute -DestinationPrefix 10.0.0.0/8 -InterfaceIndex 12 -NextHop 192.168.1.254
 * -RouteMetric 10 [-PolicyStore ActiveStore]` and the matching `Remove-NetRoute … -Confirm:$false`.
 * Persistent means no -PolicyStore: the documented default writes both stores, and
 * `-PolicyStore PersistentStore` alone would not change the running table.
 */
export function powershellRouteArgv(change: RouteChange, interfaces: readonly NetInterface[]): string[] {
  const v = validateChange(change, interfaces);
  const ifIndex = indexOf(v);
  const store = v.persistent ? [] : ["-PolicyStore", "ActiveStore"];
  if (v.action === "delete") {
    return [
      ...POWERSHELL_COMMAND,
      "Remove-NetRoute",
      "-DestinationPrefix",
      v.destination,
      ...(ifIndex ? ["-InterfaceIndex", ifIndex] : []),
      ...(v.gateway ? ["-NextHop", v.gateway] : []),
      ...store,
      "-Confirm:$false",
      "-ErrorAction",
      "Stop",
    ];
  }
  if (!ifIndex)
    throw new ValidationError("New-NetRoute needs the card the route leaves by: pass --dev", "interface");
  const onLink = v.network.family === 4 ? "0.0.0.0" : "::";
  return [
    ...POWERSHELL_COMMAND,
    "New-NetRoute",
    "-DestinationPrefix",
    v.destination,
    "-InterfaceIndex",
    ifIndex,
    "-NextHop",
    v.gateway ?? onLink,
    ...(v.metric === undefined ? [] : ["-RouteMetric", String(v.metric)]),
    ...store,
    "-ErrorAction",
    "Stop",
  ];
}
