// SQLite by default (the demo and most tests); PostgreSQL or MySQL/MariaDB through DATABASE_CLIENT.
const path = require('path');

module.exports = ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const connections = {
    sqlite: {
      connection: { filename: path.resolve(__dirname, '..', env('DATABASE_FILENAME', '.tmp/data.db')) },
      useNullAsDefault: true,
      // Write-ahead logging: readers do not block the writer and commits do not wait for a full sync,
      // which matters for an outbox that writes a row per message. Recommended for any SQLite Strapi.
      pool: {
        afterCreate: (connection, done) => {
          connection.pragma('journal_mode = WAL');
          connection.pragma('synchronous = NORMAL');
          connection.pragma('busy_timeout = 10000');
          done();
        },
      },
    },
    postgres: {
      connection: {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'postgres'),
        password: env('DATABASE_PASSWORD', ''),
      },
      pool: { min: 0, max: env.int('DATABASE_POOL_MAX', 10) },
    },
    mysql: {
      connection: {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 3306),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'root'),
        password: env('DATABASE_PASSWORD', ''),
      },
      pool: { min: 0, max: env.int('DATABASE_POOL_MAX', 10) },
    },
  };
  return { connection: { client, ...connections[client], acquireConnectionTimeout: 60000 } };
};
