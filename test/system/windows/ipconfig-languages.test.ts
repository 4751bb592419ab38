// Adapter headers of `ipconfig /all` in the languages Windows ships: the card is
// the name after the kind. The headers are as real captures print them (public
// repositories found by search; see test/fixtures/real-extra/SOURCES.md).
import { describe, expect, it } from "vitest";
import { parseIpconfig } from "../../../src/system/windows/parse-ipconfig.js";

const cases: [string, string, string][] = [
  ["de mobile broadband", "Mobiler Breitbandadapter Mobiles Breitband:", "Mobiles Breitband"],
  ["de wireless", "Drahtlos-LAN-Adapter LAN-Verbindung* 3:", "LAN-Verbindung* 3"],
  ["de tunnel", "Tunneladapter LAN-Verbindung*:", "LAN-Verbindung*"],
  [
    "de ethernet",
    "Ethernet-Adapter vEthernet (WSL (Hyper-V firewall)):",
    "vEthernet (WSL (Hyper-V firewall))",
  ],
  ["de unknown", "Unbekannter Adapter Tailscale:", "Tailscale"],
  ["fr wireless", "Carte réseau sans fil Connexion au réseau local* 2 :", "Connexion au réseau local* 2"],
  ["fr ethernet", "Carte Ethernet Ethernet :", "Ethernet"],
  ["fr tunnel", "Carte Tunnel isatap.home :", "isatap.home"],
  ["es wireless", "Adaptador de LAN inalámbrica Wi-Fi:", "Wi-Fi"],
  ["es ethernet", "Adaptador de Ethernet Ethernet:", "Ethernet"],
  ["es tunnel", "Adaptador de túnel Teredo Tunneling Pseudo-Interface:", "Teredo Tunneling Pseudo-Interface"],
  ["pt wireless", "Adaptador de Rede sem Fio Wi-Fi:", "Wi-Fi"],
  ["pt ethernet", "Adaptador Ethernet Radmin VPN:", "Radmin VPN"],
  ["it wireless", "Scheda LAN wireless Connessione rete wireless:", "Connessione rete wireless"],
  [
    "it ethernet",
    "Scheda Ethernet Connessione alla rete locale (LAN):",
    "Connessione alla rete locale (LAN)",
  ],
  ["ru wireless", "Адаптер беспроводной локальной сети Беспроводная сеть:", "Беспроводная сеть"],
  ["ru ethernet (English kind)", "Ethernet adapter Ethernet:", "Ethernet"],
  [
    "ru tunnel",
    "Туннельный адаптер isatap.{8E2F7A5C-1B0D-4C3E-9F6A-2D7B5E4C1A30}:",
    "isatap.{8E2F7A5C-1B0D-4C3E-9F6A-2D7B5E4C1A30}",
  ],
  ["pl ethernet", "Karta Ethernet Połączenie lokalne:", "Połączenie lokalne"],
  ["pl wireless", "Karta sieci bezprzewodowej Wi-Fi:", "Wi-Fi"],
  ["tr wireless", "Kablosuz LAN bağdaştırıcısı Wi-Fi:", "Wi-Fi"],
  ["tr ethernet", "Ethernet bağdaştırıcısı Ethernet:", "Ethernet"],
  ["nl mobile broadband", "Mobiele breedbandadapter Mobiele breedband:", "Mobiele breedband"],
  ["nl tunnel", "Tunneladapter Teredo Tunneling Pseudo-Interface:", "Teredo Tunneling Pseudo-Interface"],
  ["nl ethernet", "Ethernet-adapter Ethernet:", "Ethernet"],
  ["ja ethernet", "イーサネット アダプター Tailscale:", "Tailscale"],
  ["ja wireless", "ワイヤレス LAN アダプター Wi-Fi:", "Wi-Fi"],
  ["zh-CN wireless", "无线局域网适配器 本地连接* 8:", "本地连接* 8"],
  ["zh-CN ethernet", "以太网适配器 以太网 3:", "以太网 3"],
  ["zh-TW ethernet", "乙太網路卡 乙太網路:", "乙太網路"],
  ["ko wireless", "무선 LAN 어댑터 Wi-Fi:", "Wi-Fi"],
  ["ko ethernet", "이더넷 어댑터 이더넷:", "이더넷"],
  ["en PPP", "PPP adapter VPN Office:", "VPN Office"],
  ["en mobile broadband", "Mobile Broadband adapter Cellular:", "Cellular"],
];

describe("ipconfig adapter headers in every language", () => {
  it.each(cases)("%s: %s → %s", (_lang, header, name) => {
    const r = parseIpconfig(
      `\r\n${header}\r\n\r\n   IPv4 Address. . . . . . . . . . . : 10.0.0.7\r\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0\r\n`,
    );
    expect(r.interfaces.map((i) => i.name)).toEqual([name]);
    expect(r.warnings).toEqual([]);
  });
});
