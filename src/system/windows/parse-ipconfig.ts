// `ipconfig /all` and plain `ipconfig`, XP to 11, English first, common locales where known.
// Real rows (HTB Devel notes, Windows 7 `ipconfig /all`):
//   Ethernet adapter Local Area Connection 3:
//      IPv4 Address. . . . . . . . . . . : 10.10.10.5(Preferred)
//      Default Gateway . . . . . . . . . : fe80::250:56ff:feb9:6ca8%15
//                                          10.10.10.2
// Keys are matched loosely and values by their shape (address, mask, MAC), since
// every label is translated.
import { maskToLen, normalizeAddr, parseIfIndex, splitZone } from "../../core/ip.js";
import type { IfAddress, NetInterface } from "../../core/model.js";
import { cardOfHeader } from "./adapter-kinds.js";
import { normalizeMac } from "./mac.js";

interface IpconfigResult {
  host?: string;
  /** Index 0 when ipconfig does not reveal it (no link-local zone); join with route print. */
  interfaces: NetInterface[];
  /** Default gateways per card name, in printed order. */
  gateways: Record<string, string[]>;
  warnings: string[];
}

const HEADER = /^(\S.*?)[\s-](?:adapter|Adapter)\s*(.+?)\s*[:：]\s*$/;
const HEADER_LOCALIZED =
  /^(Carte(?: réseau sans fil| Ethernet| Tunnel| inconnue)?|Adaptador de (?:LAN inalámbrica|Ethernet|túnel|desconocido)|.*?适配器)\s*(.+?)\s*[:：]\s*$/;
const KEY_VALUE = /^ {1,8}([^:：]+?)[\s.]*[:：] ?(.*)$/;

type Key = "v4" | "v6" | "mask" | "gateway" | "description" | "media" | "host" | "dns-register" | "other";

function keyKind(key: string): Key {
  const k = key.toLowerCase();
  if (/dns|dhcp|wins|server|serveur|servidor/.test(k) && !/register|registrieren|inscri/.test(k))
    return "other";
  if (/gateway|passerelle|puerta de enlace|网关|閘道/.test(k)) return "gateway";
  if (/subnet|subnetz|sous-réseau|subred|子网|子網路/.test(k)) return "mask";
  if (/ipv6/.test(k)) return "v6";
  if (/ipv4|^ip address|autoconfiguration ip|ip-adresse|adresse ip|dirección ip|ip 地址/.test(k)) return "v4";
  if (/description|beschreibung|descripción|描述/.test(k)) return "description";
  if (/media state|medienstatus|état du média|estado de los medios|媒体状态|媒體狀態/.test(k)) return "media";
  if (/host name|hostname|nom de l.hôte|nombre de host|主机名|主機名稱/.test(k)) return "host";
  if (/register with dns|dns registrieren/.test(k)) return "dns-register";
  return "other";
}

interface Card {
  iface: NetInterface;
  gateways: string[];
  maskless: IfAddress | null;
}

export function parseIpconfig(text: string): IpconfigResult {
  const out: IpconfigResult = { interfaces: [], gateways: {}, warnings: [] };
  let card: Card | null = null;
  let lastKey: Key = "other";
  // A long header wrapped by the console: "Drahtlos-LAN-Adapter Lenovo Easyplus Hotspot" then ":".
  let unfinished: string | null = null;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n|\r/)) {
    let line = raw.replace(/\s+$/, "");
    if (line.trim() === "") continue;
    if (/^[:：]$/.test(line) && unfinished !== null) line = `${unfinished}:`;
    unfinished = /^\S/.test(line) && !/[:：]$/.test(line) ? line : null;
    if (!/^\s/.test(line)) {
      const known = cardOfHeader(line);
      const h = known === null ? (HEADER.exec(line) ?? HEADER_LOCALIZED.exec(line)) : null;
      if (known !== null || h) {
        card = newCard(out, known ?? h?.[2] ?? line);
        lastKey = "other";
      } else if (/[:：]\s*$/.test(line)) {
        card = newCard(out, line.replace(/\s*[:：]\s*$/, ""));
        out.warnings.push(`ipconfig: adapter header in an unknown language, kept whole: ${line}`);
      }
      continue;
    }
    const kv = /^ {9,}\S/.test(line) ? null : KEY_VALUE.exec(line);
    const key: Key = kv ? keyKind(kv[1] ?? "") : lastKey;
    let value = (kv ? (kv[2] ?? "") : line).trim();
    // '(Preferred)', '(Bevorzugt)', '(Deprecated)' after an address; descriptions keep theirs.
    if (key === "v4" || key === "v6") value = value.replace(/\s*\([^)]*\)$/, "");
    if (kv) lastKey = key;
    if (key === "host" && !card) out.host = value;
    if (!card || value === "") continue;
    applyValue(card, key, value);
  }
  for (const i of out.interfaces) out.gateways[i.name] ??= [];
  return out;
}

function newCard(out: IpconfigResult, rawName: string): Card {
  let name = rawName;
  for (let n = 2; out.interfaces.some((i) => i.name === name); n++) name = `${rawName} (${n})`;
  const iface: NetInterface = { index: 0, name, addresses: [], up: true };
  out.interfaces.push(iface);
  const card: Card = { iface, gateways: [], maskless: null };
  out.gateways[name] = card.gateways;
  return card;
}

function applyValue(card: Card, key: Key, value: string): void {
  const { iface } = card;
  const mac = normalizeMac(value);
  if (mac && /^[0-9a-f]{2}(-[0-9a-f]{2}){5,7}$/i.test(value)) {
    iface.mac = mac;
    return;
  }
  switch (key) {
    case "v4": {
      const a = normalizeAddr(value);
      if (!a || a.includes(":")) return;
      card.maskless = { address: a, prefixLen: 32, family: 4 };
      iface.addresses.push(card.maskless);
      if (iface.addresses.filter((x) => x.family === 4).length === 1) card.maskless.primary = true;
      return;
    }
    case "mask": {
      const len = maskToLen(value);
      if (len !== null && card.maskless) card.maskless.prefixLen = len;
      card.maskless = null;
      return;
    }
    case "v6": {
      const { address, zone } = splitZone(value);
      const a = normalizeAddr(address);
      if (!a?.includes(":")) return;
      const link = a.startsWith("fe80:");
      iface.addresses.push({ address: a, prefixLen: 64, family: 6, ...(link ? { scope: "link" } : {}) });
      const idx = zone === null ? null : parseIfIndex(zone);
      if (link && idx !== null && iface.index === 0) iface.index = idx;
      return;
    }
    case "gateway": {
      const a = normalizeAddr(splitZone(value).address);
      if (a) card.gateways.push(a);
      return;
    }
    case "description":
      iface.description = value;
      return;
    case "media":
      iface.up = false;
      return;
    case "dns-register":
      iface.dnsRegister = /^(yes|ja|oui|sí|si|是)$/i.test(value);
      return;
    default:
      return;
  }
}
