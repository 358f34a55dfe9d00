/*
 * Writes small MaxMind DB (.mmdb) files for the geo-routing tests, following the MaxMind DB format
 * spec (binary search tree with 24-bit records, data section, metadata). IPv4 only. The files are
 * read by the real `maxmind` package, exactly like a GeoLite2 download.
 */
import fs from 'node:fs';

type Value = string | number | boolean | Value[] | { [key: string]: Value } | { uint: number } | { double: number };

function control(type: number, size: number): Buffer {
  const head: number[] = [];
  const extended = type > 7;
  let sizeBits = size;
  const extra: number[] = [];
  if (size >= 65821) {
    sizeBits = 31;
    const rest = size - 65821;
    extra.push((rest >> 16) & 0xff, (rest >> 8) & 0xff, rest & 0xff);
  } else if (size >= 285) {
    sizeBits = 30;
    const rest = size - 285;
    extra.push((rest >> 8) & 0xff, rest & 0xff);
  } else if (size >= 29) {
    sizeBits = 29;
    extra.push(size - 29);
  }
  head.push(((extended ? 0 : type) << 5) | sizeBits);
  if (extended) head.push(type - 7);
  return Buffer.from([...head, ...extra]);
}

function uintBytes(value: number): Buffer {
  const bytes: number[] = [];
  let n = BigInt(value);
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return Buffer.from(bytes);
}

export function encode(value: Value): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([control(2, bytes.length), bytes]);
  }
  if (typeof value === 'boolean') return control(14, value ? 1 : 0);
  if (typeof value === 'number') return encode(Number.isInteger(value) && value >= 0 ? { uint: value } : { double: value });
  if (Array.isArray(value)) return Buffer.concat([control(11, value.length), ...value.map(encode)]);
  if ('uint' in value && typeof value.uint === 'number') {
    const bytes = uintBytes(value.uint);
    const type = value.uint <= 0xffff ? 5 : value.uint <= 0xffffffff ? 6 : 9;
    return Buffer.concat([control(type, bytes.length), bytes]);
  }
  if ('double' in value && typeof value.double === 'number') {
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleBE(value.double);
    return Buffer.concat([control(3, 8), bytes]);
  }
  const entries = Object.entries(value as Record<string, Value>);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([k, v]) => [encode(k), encode(v)])]);
}

export interface Network {
  cidr: string; // "81.2.69.0/24"
  data: Record<string, Value>;
}

export function writeMmdb(file: string, networks: Network[], databaseType = 'GeoLite2-City'): void {
  // Data section: one record per network.
  const dataParts: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const network of networks) {
    const encoded = encode(network.data);
    offsets.push(offset);
    dataParts.push(encoded);
    offset += encoded.length;
  }
  // Search tree: node = [left, right]; child is a node index, 'empty', or { data: i }.
  type Child = number | 'empty' | { data: number };
  const nodes: [Child, Child][] = [['empty', 'empty']];
  networks.forEach((network, index) => {
    const [ip, bitsText] = network.cidr.split('/');
    const bits = Number(bitsText);
    const address = ip!.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
    let node = 0;
    for (let depth = 0; depth < bits; depth += 1) {
      const bit = (address >>> (31 - depth)) & 1;
      if (depth === bits - 1) {
        nodes[node]![bit] = { data: index };
        break;
      }
      const child = nodes[node]![bit];
      if (typeof child === 'number') node = child;
      else {
        nodes.push(['empty', 'empty']);
        nodes[node]![bit] = nodes.length - 1;
        node = nodes.length - 1;
      }
    }
  });
  const nodeCount = nodes.length;
  const record = (child: Child) => (child === 'empty' ? nodeCount : typeof child === 'number' ? child : nodeCount + 16 + offsets[child.data]!);
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach(([left, right], i) => {
    tree.writeUIntBE(record(left), i * 6, 3);
    tree.writeUIntBE(record(right), i * 6 + 3, 3);
  });
  const metadata = encode({
    node_count: { uint: nodeCount },
    record_size: { uint: 24 },
    ip_version: { uint: 4 },
    database_type: databaseType,
    languages: ['en'],
    binary_format_major_version: { uint: 2 },
    binary_format_minor_version: { uint: 0 },
    build_epoch: { uint: Math.floor(Date.now() / 1000) },
    description: { en: 'Test database written by the email-notifications test suite' },
  });
  const marker = Buffer.concat([Buffer.from([0xab, 0xcd, 0xef]), Buffer.from('MaxMind.com')]);
  fs.writeFileSync(file, Buffer.concat([tree, Buffer.alloc(16), ...dataParts, marker, metadata]));
}
