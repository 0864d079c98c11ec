const swc = require('../../jest.swc.js');

const moduleNameMapper = {
  '^@thidua/contracts$': '<rootDir>/../../packages/contracts/src/index.ts',
  '^@thidua/workflow-core$': '<rootDir>/../../packages/workflow-core/src/index.ts',
  // file-type exports only `import` conditions, which Jest's CommonJS resolver does not pick.
  '^file-type$': require('node:fs').existsSync(require('node:path').join(__dirname, 'node_modules/file-type/index.js')) ? '<rootDir>/node_modules/file-type/index.js' : '<rootDir>/../../node_modules/file-type/index.js',
};
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  // Nest 12 ships ESM only: let swc turn it into CommonJS too.
  // file-type (upload sniffing) and its helpers are ESM only too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|peek-readable)/)'],
  moduleNameMapper,
  setupFiles: ['<rootDir>/test/setup/env.js'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Per-project testTimeout is ignored when projects are used; set it here for every tier.
  testTimeout: 60000,
  projects: [
    // Tier 1: small specs beside the code, mocked repositories, no database.
    { ...common, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    // Tier 2: the app on a real PostgreSQL (embedded PGlite, or DATABASE_URL), migrations applied once.
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testTimeout: 60000,
    },
  ],
};
