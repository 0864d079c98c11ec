// Writes docs/workflow-definitions.schema.json from the built package (npm run schema:write -w @thidua/workflow-core).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { WORKFLOW_DEFINITION_JSON_SCHEMA } = require('../dist/index.js');
writeFileSync(new URL('../../../docs/workflow-definitions.schema.json', import.meta.url), `${JSON.stringify(WORKFLOW_DEFINITION_JSON_SCHEMA, null, 2)}\n`);
