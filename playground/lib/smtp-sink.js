/*
 * A real SMTP server that captures what it receives: the demo's mail catcher and the tests' SMTP peer.
 * Built on smtp-server; every message is parsed with mailparser and, if `dir` is set, kept as an .eml file.
 * It can be told to fail the way real servers do: refuse logins, reject senders or recipients, answer
 * 4xx/5xx to DATA, drop the connection, or be slow.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

/**
 * @typedef {object} SinkFaults
 * @property {boolean} [refuseAuth]            answer 535 to every login
 * @property {RegExp|string} [rejectSender]    answer 553 to MAIL FROM addresses matching this
 * @property {RegExp|string} [rejectRecipient] answer 550 to RCPT TO addresses matching this
 * @property {number} [dataResponseCode]       answer this code (4xx or 5xx) after DATA instead of 250
 * @property {'connect'|'data'} [dropConnection] close the socket at connect or during DATA
 * @property {number} [delayMs]                wait this long before answering DATA
 * @property {number} [tempFailRate]           share (0..1) of messages answered 451 at DATA, at random
 * @property {number} [dropRate]               share (0..1) of messages whose connection is dropped during DATA
 * @property {number} [seed]                   seed of the random choices above (repeatable runs)
 */

/** A small seeded PRNG (mulberry32), so a flaky run can be repeated exactly. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {object} [options]
 * @param {number} [options.port=0]            0 picks a free port
 * @param {string} [options.host='127.0.0.1']
 * @param {boolean} [options.secure=false]     implicit TLS (like port 465)
 * @param {boolean} [options.starttls=true]    offer STARTTLS (self-signed certificate of smtp-server)
 * @param {{user: string, pass: string}} [options.auth]  require this login
 * @param {string} [options.dir]               keep each message as an .eml file here
 * @param {(msg: object) => void} [options.onMessage]
 */
async function startSmtpSink(options = {}) {
  const { host = '127.0.0.1', secure = false, starttls = true, auth, dir, onMessage } = options;
  /** @type {SinkFaults} */
  let faults = {};
  let random = Math.random;
  const stats = { tempFailed: 0, dropped: 0 };
  const messages = [];
  const waiters = [];
  let connections = 0;
  if (dir) fs.mkdirSync(dir, { recursive: true });

  const matches = (pattern, value) => (typeof pattern === 'string' ? value.toLowerCase().includes(pattern.toLowerCase()) : pattern.test(value));
  const smtpError = (code, message) => Object.assign(new Error(message), { responseCode: code });

  const server = new SMTPServer({
    secure,
    disabledCommands: [...(auth ? [] : ['AUTH']), ...(starttls || secure ? [] : ['STARTTLS'])],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    size: 25 * 1024 * 1024,
    onConnect(session, callback) {
      connections += 1;
      if (faults.dropConnection === 'connect') {
        setImmediate(() => server.connections.forEach((c) => c._socket && c.id === session.id && c._socket.destroy()));
        return callback(smtpError(421, 'Service not available, closing transmission channel'));
      }
      callback();
    },
    onAuth(authData, session, callback) {
      if (faults.refuseAuth || !auth || authData.username !== auth.user || authData.password !== auth.pass) {
        return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      }
      callback(null, { user: authData.username });
    },
    onMailFrom(address, session, callback) {
      if (faults.rejectSender && matches(faults.rejectSender, address.address)) {
        return callback(smtpError(553, `5.7.1 <${address.address}>: Sender address rejected: not owned by user`));
      }
      callback();
    },
    onRcptTo(address, session, callback) {
      if (faults.rejectRecipient && matches(faults.rejectRecipient, address.address)) {
        return callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      const roll = faults.tempFailRate || faults.dropRate ? random() : 1;
      const drop = faults.dropConnection === 'data' || roll < (faults.dropRate || 0);
      const tempFail = !drop && roll < (faults.dropRate || 0) + (faults.tempFailRate || 0);
      stream.on('data', (chunk) => {
        chunks.push(chunk);
        if (drop) {
          stats.dropped += 1;
          stream.removeAllListeners('data');
          session && server.connections.forEach((c) => c.id === session.id && c._socket && c._socket.destroy());
        }
      });
      stream.on('end', async () => {
        if (drop) return;
        if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
        if (tempFail) {
          stats.tempFailed += 1;
          return callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        }
        if (faults.dataResponseCode) {
          const code = faults.dataResponseCode;
          return callback(smtpError(code, code < 500 ? '4.3.0 Temporary failure, try again later' : '5.6.0 Message rejected by policy'));
        }
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        const message = {
          envelope: {
            from: session.envelope.mailFrom && session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          user: session.user || null,
          secure: session.secure,
          raw: raw.toString('utf8'),
          subject: parsed.subject,
          from: parsed.from && parsed.from.text,
          to: parsed.to && (Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(', ') : parsed.to.text),
          text: parsed.text,
          html: typeof parsed.html === 'string' ? parsed.html : '',
          headers: Object.fromEntries([...parsed.headers].map(([k, v]) => [k, typeof v === 'object' && v && 'text' in v ? v.text : v])),
          messageId: parsed.messageId,
          receivedAt: new Date().toISOString(),
        };
        if (dir) {
          const file = path.join(dir, `${message.receivedAt.replace(/[:.]/g, '-')}-${messages.length + 1}.eml`);
          fs.writeFileSync(file, raw);
          message.file = file;
        }
        messages.push(message);
        if (onMessage) onMessage(message);
        for (const waiter of [...waiters]) waiter();
        callback(null, `Message queued as sink-${messages.length}`);
      });
    },
  });
  server.on('error', () => {});

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = server.server.address().port;

  return {
    host,
    port,
    messages,
    /** Number of TCP connections accepted so far. */
    get connections() {
      return connections;
    },
    /** Replaces the active faults ({} = behave). */
    setFaults(next) {
      faults = { ...(next || {}) };
      random = faults.seed !== undefined ? seededRandom(faults.seed) : Math.random;
    },
    /** How many messages the random faults refused or dropped. */
    stats,
    /** Resolves when at least `count` messages have arrived; rejects after `timeoutMs`. */
    waitForMessages(count, timeoutMs = 10000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        waiters.push(check);
      });
    },
    clear() {
      messages.length = 0;
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

module.exports = { startSmtpSink };
