/*
 * The SSRF guard of web page actions: maps `events.allowedHosts` onto request-filtering-agent (which
 * checks the address a host name resolves to, on every connection) and explains its refusals in plain
 * words. It decides nothing itself: the agent refuses, this module says why and how to allow it.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export interface HostPolicy {
  /** Host names allowed whatever they resolve to (the admin trusts them). */
  names: Set<string>;
  /** IP addresses and CIDRs allowed even when private or loopback. */
  addresses: string[];
}

/** The URL host without IPv6 brackets and a trailing dot, lower case. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();

export function hostPolicy(allowedHosts: string[]): HostPolicy {
  const names = new Set<string>();
  const addresses: string[] = [];
  for (const raw of allowedHosts) {
    const entry = raw.trim().toLowerCase().replace(/^\[|\]$/g, '');
    if (!entry) continue;
    if (net.isIP(entry) || entry.includes('/')) addresses.push(entry);
    else names.add(entry.replace(/\.$/, ''));
  }
  return { names, addresses };
}

/**
 * A fresh agent for one hop: an allow-listed host name may reach private addresses (meta addresses such
 * as 0.0.0.0 stay refused); any other host only public ones and the allow-listed IPs and CIDRs.
 */
export function agentFor(url: URL, policy: HostPolicy): http.Agent {
  const options = { keepAlive: false, allowPrivateIPAddress: policy.names.has(bareHost(url)), allowIPAddressList: policy.addresses };
  return url.protocol === 'https:' ? (new RequestFilteringHttpsAgent(options) as https.Agent) : new RequestFilteringHttpAgent(options);
}

const KINDS: [string, [string, number, 'ipv4' | 'ipv6'][]][] = [
  ['a cloud metadata address', [['169.254.169.254', 32, 'ipv4'], ['fd00:ec2::254', 128, 'ipv6']]],
  ['a loopback address', [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']]],
  ['a link-local address', [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']]],
  ['a meta address', [['0.0.0.0', 32, 'ipv4'], ['::', 128, 'ipv6']]],
  ['a private address', [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['fc00::', 7, 'ipv6']]],
];
const LISTS = KINDS.map(([label, subnets]) => {
  const list = new net.BlockList();
  for (const [network, prefix, type] of subnets) list.addSubnet(network, prefix, type);
  return [label, list] as const;
});

/** What kind of non-public address this is, in words ("a loopback address"). */
export function addressKind(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const type = net.isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  return LISTS.find(([, list]) => list.check(ip, type))?.[0] ?? 'a reserved address';
}

/** The explanation of an agent refusal ("refused: 127.0.0.1 is a loopback address; …"), or null for any other error. */
export function explainRefusal(error: Error): string | null {
  const match = /^DNS lookup (.+?)\(family:[^,]*, host:(.*?)\) is not allowed/.exec(error.message);
  if (!match) return null;
  const address = match[1]!;
  const host = match[2] && match[2] !== 'undefined' && match[2] !== address ? ` (${match[2]} resolves to it)` : '';
  return `refused: ${address} is ${addressKind(address)}${host}; add it to events.allowedHosts to allow it`;
}
