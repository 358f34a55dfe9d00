import type { CapturedMessage } from './smtp-sink';
import type { TestDnsServer } from './dns-server';
export function startDemoDns(options: { port?: number; domain: string; recordsFile: string }): Promise<TestDnsServer>;
export function mailVerdict(message: CapturedMessage, resolver: TestDnsServer['resolver']): Promise<string>;
export function demoZone(domain: string, dkimRecords: { name: string; value: string }[]): [string, object][];
