/*
 * The benchmark's SMTP sink in a process of its own, as a real mail server would be: it does not
 * compete for the event loop of the code being measured. Talks to the parent over IPC. An optional
 * first argument makes it answer each message after that many milliseconds (a slow relay); an optional
 * second one is a pattern of recipient addresses it refuses with 550 (unknown users).
 */
'use strict';

const { startSmtpSink } = require('../playground/lib/smtp-sink');

const delayMs = Number(process.argv[2] || 0);
const rejectRecipient = process.argv[3] ? new RegExp(process.argv[3]) : null;

startSmtpSink({ starttls: false }).then((sink) => {
  if (delayMs > 0 || rejectRecipient) sink.setFaults({ ...(delayMs > 0 ? { delayMs } : {}), ...(rejectRecipient ? { rejectRecipient } : {}) });
  process.send({ type: 'ready', port: sink.port });
  process.on('message', (message) => {
    if (message.type === 'count') process.send({ type: 'count', count: sink.messages.length });
    if (message.type === 'duplicates') {
      const seen = new Set();
      let duplicates = 0;
      for (const m of sink.messages) {
        if (seen.has(m.subject)) duplicates += 1;
        seen.add(m.subject);
      }
      process.send({ type: 'duplicates', duplicates });
    }
    if (message.type === 'clear') {
      sink.clear();
      process.send({ type: 'cleared' });
    }
  });
  process.on('disconnect', () => sink.close().then(() => process.exit(0)));
});
