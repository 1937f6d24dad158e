/**
 * Which hosts URL intake may fetch from: public addresses only. Loopback, private, link-local, shared (CGNAT),
 * multicast, documentation and reserved ranges are refused, in IPv4 and IPv6 (including IPv4 written inside
 * IPv6: mapped, NAT64 and 6to4), as are names that only mean something on a local network.
 */
export type HostClass = 'public' | 'loopback' | 'private' | 'name';

// [first address as a 32-bit number, prefix length, class]
const IPV4_RANGES: readonly [string, number, Exclude<HostClass, 'public' | 'name'>][] = [
  ['0.0.0.0', 8, 'private'], // "this network"
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'], // carrier-grade NAT
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'private'], // link-local, cloud metadata services
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'private'],
  ['192.0.2.0', 24, 'private'], // documentation
  ['192.88.99.0', 24, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'private'], // benchmarking
  ['198.51.100.0', 24, 'private'],
  ['203.0.113.0', 24, 'private'],
  ['224.0.0.0', 4, 'private'], // multicast
  ['240.0.0.0', 4, 'private'], // reserved, broadcast
];

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.intranet', '.lan', '.home.arpa', '.corp'];

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function classifyIpv4(address: number): HostClass {
  for (const [start, prefix, kind] of IPV4_RANGES) {
    const base = parseIpv4(start) ?? 0;
    const size = 2 ** (32 - prefix);
    if (address >= base && address < base + size) return kind;
  }
  return 'public';
}

/** Eight 16-bit groups, or undefined for text that is not an IPv6 address. */
function parseIpv6(text: string): number[] | undefined {
  let hex = text;
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted !== null) {
    const v4 = parseIpv4(dotted[2] ?? '');
    if (v4 === undefined) return undefined;
    hex = `${dotted[1]}${Math.floor(v4 / 65_536).toString(16)}:${(v4 % 65_536).toString(16)}`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) =>
    part === ''
      ? []
      : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? Number.parseInt(g, 16) : Number.NaN));
  const left = parse(halves[0] ?? '');
  const right = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const missing = halves.length === 2 ? 8 - left.length - right.length : 0;
  if (halves.length === 2 && missing < 1) return undefined;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  return groups.length === 8 && groups.every(Number.isFinite) ? groups : undefined;
}

function classifyIpv6(g: number[]): HostClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const v4 = (hi: number, lo: number) => classifyIpv4(hi * 65_536 + lo);
  const leadingZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (leadingZero && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  if (leadingZero && g5 === 0 && g6 === 0 && g7 === 0) return 'private'; // unspecified
  if (leadingZero && (g5 === 0xffff || g5 === 0)) return v4(g6, g7); // IPv4-mapped, IPv4-compatible
  if (g0 === 0x64 && g1 === 0xff9b) return v4(g6, g7); // NAT64
  if (g0 === 0x2002) return v4(g1, g2); // 6to4
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local
  if ((g0 & 0xffc0) === 0xfe80) return 'private'; // link-local
  if ((g0 & 0xff00) === 0xff00) return 'private'; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return 'private'; // documentation
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'private'; // discard
  return 'public';
}

/** Classifies a URL's hostname (as `URL.hostname` gives it: IPv4 normalised, IPv6 in brackets). */
export function classifyHost(hostname: string): HostClass {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = parseIpv6(host.slice(1, -1));
    return groups === undefined ? 'private' : classifyIpv6(groups);
  }
  const v4 = parseIpv4(host);
  if (v4 !== undefined) return classifyIpv4(v4);
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (!host.includes('.') || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return 'private';
  return 'name';
}

/** Classifies a resolved address (DNS answer data: dotted IPv4 or IPv6 text). */
export function classifyAddress(address: string): HostClass {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return classifyIpv4(v4);
  const v6 = parseIpv6(address);
  return v6 === undefined ? 'private' : classifyIpv6(v6);
}
