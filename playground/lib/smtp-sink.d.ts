export interface SinkFaults {
  refuseAuth?: boolean;
  rejectSender?: RegExp | string;
  rejectRecipient?: RegExp | string;
  dataResponseCode?: number;
  dropConnection?: 'connect' | 'data';
  delayMs?: number;
  tempFailRate?: number;
  dropRate?: number;
  seed?: number;
}
export interface CapturedMessage {
  envelope: { from: string | undefined; to: string[] };
  user: string | null;
  secure: boolean;
  raw: string;
  subject?: string;
  from?: string;
  to?: string;
  text?: string;
  html: string;
  headers: Record<string, unknown>;
  messageId?: string;
  receivedAt: string;
  file?: string;
}
export interface SmtpSink {
  host: string;
  port: number;
  messages: CapturedMessage[];
  readonly connections: number;
  stats: { tempFailed: number; dropped: number };
  setFaults(faults: SinkFaults): void;
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMessage[]>;
  clear(): void;
  close(): Promise<void>;
}
export function startSmtpSink(options?: {
  port?: number;
  host?: string;
  secure?: boolean;
  starttls?: boolean;
  auth?: { user: string; pass: string };
  dir?: string;
  onMessage?: (message: CapturedMessage) => void;
}): Promise<SmtpSink>;
