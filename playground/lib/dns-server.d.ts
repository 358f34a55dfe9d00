export interface ZoneEntry {
  TXT?: string[];
  MX?: { exchange: string; priority: number }[];
  A?: string[];
  AAAA?: string[];
}
export interface TestDnsServer {
  port: number;
  /** `127.0.0.1:<port>`, for `deliverability.dnsServers`. */
  address: string;
  zone: Map<string, ZoneEntry>;
  add(name: string, entry: ZoneEntry): void;
  set(name: string, entry: ZoneEntry): void;
  remove(name: string): void;
  /** A resolve function (dns.promises.resolve's shape) asking this server, for mailauth. */
  resolver: (name: string, rrtype: string) => Promise<any>;
  close(): Promise<void>;
}
export function startDnsServer(options?: { port?: number; silentSuffix?: string }): Promise<TestDnsServer>;
