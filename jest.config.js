// Three suites: unit (pure core), integration (a real playground Strapi + real SMTP servers),
// browser (the admin in Debian's Chromium, driven by playwright-core).
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } } }] };
// request-filtering-agent ships as ES modules only: jest's module system needs it compiled to CommonJS.
const transformIgnorePatterns = ['/node_modules/(?!request-filtering-agent/)'];

module.exports = {
  // Strapi boots and SMTP conversations take seconds; browser steps more.
  testTimeout: 120000,
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'], transform, transformIgnorePatterns, testEnvironment: 'node' },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
    },
    {
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      transform,
      transformIgnorePatterns,
      testEnvironment: 'node',
    },
  ],
};
