// The adapter kinds `ipconfig` prints before a card's name, in the languages
// Windows ships: "Mobiler Breitbandadapter Mobiles Breitband:" is the card
// "Mobiles Breitband". Real headers (public captures, see test/fixtures/real-extra):
//   Drahtlos-LAN-Adapter LAN-Verbindung* 3:            Tunneladapter LAN-Verbindung*:
//   Carte réseau sans fil Connexion au réseau local* 2 :
//   Scheda LAN wireless Connessione rete wireless:     Adaptador de Rede sem Fio Wi-Fi:
//   Адаптер беспроводной локальной сети Беспроводная сеть:
//   Kablosuz LAN bağdaştırıcısı Wi-Fi:   ワイヤレス LAN アダプター Wi-Fi:   무선 LAN 어댑터 Wi-Fi:
//   无线局域网适配器 本地连接* 8:
// Kinds: Ethernet, wireless, mobile broadband, tunnel, PPP, unknown.

const KINDS: readonly string[] = [
  // English (Russian Windows prints Ethernet in English too)
  "Ethernet adapter",
  "Wireless LAN adapter",
  "Mobile Broadband adapter",
  "Tunnel adapter",
  "PPP adapter",
  "Unknown adapter",
  // German
  "Ethernet-Adapter",
  "Drahtlos-LAN-Adapter",
  "Mobiler Breitbandadapter",
  "Tunneladapter",
  "PPP-Adapter",
  "Unbekannter Adapter",
  // French
  "Carte Ethernet",
  "Carte réseau sans fil",
  "Carte haut débit mobile",
  "Carte réseau mobile à large bande",
  "Carte Tunnel",
  "Carte PPP",
  "Carte inconnue",
  // Spanish
  "Adaptador de Ethernet",
  "Adaptador de LAN inalámbrica",
  "Adaptador de banda ancha móvil",
  "Adaptador de túnel",
  "Adaptador PPP",
  "Adaptador desconocido",
  "Adaptador de desconocido",
  // Portuguese (Brazil, Portugal)
  "Adaptador Ethernet",
  "Adaptador de Rede sem Fio",
  "Adaptador de Rede Sem Fios",
  "Adaptador de LAN Sem Fios",
  "Adaptador de Banda Larga Móvel",
  "Adaptador de Túnel",
  "Adaptador desconhecido",
  "Placa Ethernet",
  "Placa de rede sem fios",
  // Italian
  "Scheda Ethernet",
  "Scheda LAN wireless",
  "Scheda Banda larga mobile",
  "Scheda Tunnel",
  "Scheda PPP",
  "Scheda sconosciuta",
  // Russian
  "Адаптер Ethernet",
  "Адаптер беспроводной локальной сети",
  "Адаптер мобильной широкополосной связи",
  "Адаптер туннельного подключения",
  "Туннельный адаптер",
  "Адаптер PPP",
  "Неизвестный адаптер",
  // Polish
  "Karta Ethernet",
  "Karta sieci bezprzewodowej",
  "Karta bezprzewodowej sieci LAN",
  "Karta sieci komórkowej",
  "Karta tunelowa",
  "Karta PPP",
  "Nieznana karta",
  // Turkish
  "Ethernet bağdaştırıcısı",
  "Kablosuz LAN bağdaştırıcısı",
  "Mobil Geniş Bant bağdaştırıcısı",
  "Tünel bağdaştırıcısı",
  "PPP bağdaştırıcısı",
  "Bilinmeyen bağdaştırıcı",
  // Dutch
  "Ethernet-adapter",
  "Draadloos LAN-adapter",
  "Mobiele breedbandadapter",
  "PPP-adapter",
  "Onbekende adapter",
  // Japanese (Windows 8 and later "アダプター", before "アダプタ")
  "イーサネット アダプター",
  "イーサネット アダプタ",
  "ワイヤレス LAN アダプター",
  "ワイヤレス LAN アダプタ",
  "モバイル ブロードバンド アダプター",
  "トンネル アダプター",
  "トンネル アダプタ",
  "PPP アダプター",
  "PPP アダプタ",
  "不明なアダプター",
  "不明なアダプタ",
  // Chinese (simplified, traditional)
  "以太网适配器",
  "无线局域网适配器",
  "移动宽带适配器",
  "隧道适配器",
  "PPP 适配器",
  "未知适配器",
  "乙太網路卡",
  "無線區域網路介面卡",
  "行動寬頻介面卡",
  "通道介面卡",
  "PPP 介面卡",
  "未知的介面卡",
  // Korean
  "이더넷 어댑터",
  "무선 LAN 어댑터",
  "모바일 광대역 어댑터",
  "터널 어댑터",
  "PPP 어댑터",
  "알 수 없는 어댑터",
];

/** Longest first, so "Adaptador de Rede sem Fio" wins over "Adaptador". */
const BY_LENGTH = [...KINDS].sort((a, b) => b.length - a.length).map((k) => k.toLocaleLowerCase("en"));

/** The card name of an adapter header in any of these languages, or null. */
export function cardOfHeader(line: string): string | null {
  const t = line.replace(/\s*[:：]\s*$/, "");
  if (t === line) return null;
  const low = t.toLocaleLowerCase("en");
  for (const kind of BY_LENGTH)
    if (low.startsWith(kind)) {
      const name = t.slice(kind.length).trim();
      // The kind must end a word: "Tunneladapterx" is no header.
      if (name !== "" && /\s/.test(t.charAt(kind.length) || " ")) return name;
      if (name !== "" && /[\u3000-\u9fff\uac00-\ud7af]$/.test(kind)) return name;
    }
  return null;
}
