import { DEFAULT_DEFINITIONS } from './index';
import { validateDefinition } from '../validate-definition';
import { compileDefinition } from '../compile';

describe('default definitions', () => {
  const known = Object.keys(DEFAULT_DEFINITIONS);
  it.each(known)('%s is valid and compiles', (key) => {
    expect(validateDefinition(DEFAULT_DEFINITIONS[key], { knownWorkflows: known })).toEqual([]);
    expect(compileDefinition(DEFAULT_DEFINITIONS[key]).machine.id).toBe(key);
  });
});
