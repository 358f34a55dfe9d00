/*
 * The benchmark's SMTP sink in a process of its own, as a real mail server would be: it does not
 * compete for the event loop of the code being measured. Talks to the parent over IPC.
 */
'use strict';

const { startSmtpSink } = require('../playground/lib/smtp-sink');

startSmtpSink({ starttls: false }).then((sink) => {
  process.send({ type: 'ready', port: sink.port });
  process.on('message', (message) => {
    if (message.type === 'count') process.send({ type: 'count', count: sink.messages.length });
    if (message.type === 'clear') {
      sink.clear();
      process.send({ type: 'cleared' });
    }
  });
  process.on('disconnect', () => sink.close().then(() => process.exit(0)));
});
