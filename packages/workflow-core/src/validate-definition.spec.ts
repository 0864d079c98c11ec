import { validateDefinition } from './validate-definition';
import { compileDefinition, DefinitionInvalidError } from './compile';
import { labDefinition } from './__fixtures__/lab-definition';
import type { WorkflowDefinition } from './definition-types';
import { WORKFLOW_DEFINITION_JSON_SCHEMA } from './definition-json-schema';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_DEFINITIONS } from './defaults';
import { checkAgainstSchema } from './schema-check';

const codes = (x: unknown, known?: string[]) => validateDefinition(x, known ? { knownWorkflows: known } : {}).map((p) => `${p.path}|${p.code}`);

function mutate(fn: (d: WorkflowDefinition) => void): WorkflowDefinition {
  const d = structuredClone(labDefinition);
  fn(d);
  return d;
}

describe('validateDefinition', () => {
  it('accepts the lab definition', () => {
    expect(validateDefinition(labDefinition)).toEqual([]);
  });

  it('reports graph problems with their paths, all at once', () => {
    const d = mutate((d) => {
      d.stages.orphan = { kind: 'task', name: { vi: 'Mồ côi' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'done' }] };
      d.stages.stuck = { kind: 'task', name: { vi: 'Kẹt' }, actor: { role: 'officer', unit: { kind: 'own' } } };
      d.stages.loopA = { kind: 'task', name: { vi: 'A' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'loopB' }] };
      d.stages.loopB = { kind: 'task', name: { vi: 'B' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'approve', target: 'loopA' }] };
      d.stages.toStuck = { kind: 'task', name: { vi: 'C' }, actor: { role: 'officer', unit: { kind: 'own' } }, transitions: [{ on: 'submit', target: 'stuck' }] };
      d.stages.draft.transitions?.push({ on: 'forward', target: 'loopA' }, { on: 'reject', target: 'stuck' }, { on: 'close', target: 'toStuck' });
    });
    expect(codes(d)).toEqual(
      expect.arrayContaining(['stages.orphan|unreachable', 'stages.stuck|dead_end', 'stages.loopA|loop_without_exit', 'stages.loopB|loop_without_exit', 'stages.toStuck|no_path_to_final']),
    );
    const bad = mutate((d) => {
      d.stages.check.transitions?.push({ on: 'approve', target: 'nowhere' });
      d.stages.draft.transitions?.push({ on: 'submit', target: 'check', guard: { op: '==', left: { field: 'data.unknown' }, right: { field: 'context.bogus' } } });
    });
    expect(codes(bad)).toEqual(['stages.draft.transitions[2].guard|unknown_field', 'stages.draft.transitions[2].guard|unknown_field', 'stages.check.transitions[4].target|unknown_stage']);
  });

  it('reports vote, fanout, return and shape problems', () => {
    const d = mutate((d) => {
      delete (d.stages.ballot.vote as unknown as Record<string, unknown>).voters;
      d.stages.check.transitions?.push({ on: 'return', target: 'sign' });
      d.stages.fan = {
        kind: 'fanout',
        name: { vi: 'Fan' },
        fanout: { childWorkflow: 'ghost', children: { kind: 'children_of_kind' }, join: { kind: 'share', share: 2 }, onJoin: 'leave_open', lateSubmissions: true, movedOut: 'cancel', next: 'done' },
        transitions: [{ on: 'close', target: 'done' }],
      };
      d.stages.draft.transitions?.push({ on: 'forward', target: 'fan' });
    });
    expect(codes(d, ['lab'])).toEqual(
      expect.arrayContaining([
        'stages.ballot.vote.voters|vote_without_voters',
        'stages.check.transitions[4].target|return_not_earlier',
        'stages.fan.fanout.childWorkflow|unknown_workflow',
        'stages.fan.fanout.join|shape.join',
        'stages.fan.transitions[0].by|missing_actor',
      ]),
    );
    expect(codes(null)).toEqual(['|shape.definition']);
    expect(codes({ schemaVersion: 2, key: 'Bad Key', version: 0, name: {}, stages: {} })).toEqual([
      'schemaVersion|shape.schema_version',
      'key|shape.key',
      'version|shape.version',
      'name|shape.text',
      'stages|shape.stages',
      'initialStage|shape.required',
    ]);
    expect(codes({ ...labDefinition, initialStage: 'x', stages: { a: 5 } })).toEqual(['initialStage|unknown_stage', 'stages.a|shape.stage']);
    const weird = {
      ...labDefinition,
      viewerVisibility: 'some',
      privileges: { fly: ['admin'], skip: ['king'] },
      dataFields: [{ name: 'x', type: 'blob', min: 'a', max: 'b', items: { type: 'enum' }, properties: 'no', label: {} }],
      stages: {
        ...labDefinition.stages,
        draft: {
          kind: 'thing',
          name: { vi: '' },
          actor: { role: 'king', unit: { kind: 'sideways' }, assignment: { mode: 'direct', person: { kind: 'boss' } } },
          fields: 'x',
          transitions: [{ on: 'dance' }, 5, { on: 'submit', target: 'check', guard: { op: 'xor' }, by: { role: 'officer', unit: { kind: 'fixed' } } }],
          deadline: { days: 1, calendar: 'working', reminders: [-1], escalations: [{ afterDays: 1, action: 'explode' }] },
          distinctFrom: ['nope'],
          requiresCommentOn: ['sing'],
          documentNumber: { docType: 'KH', issuer: { kind: 'from_data', field: 'nope' } },
        },
        ballot: { kind: 'vote', name: { vi: 'B' }, vote: { voters: { role: 'council_member', unit: { kind: 'ancestor_of_kind' } }, quorum: 3, passRatio: -1, passBasis: 'x', ballot: 'x', tie: 'x', closeBy: 5 }, outcomes: 3 },
        pause: { kind: 'wait', name: { vi: 'W' }, wait: { days: -1, calendar: 'x', target: 'nope' } },
        done: { kind: 'final', name: { vi: 'F' }, transitions: [{ on: 'reopen', target: 'draft' }] },
        fan: { kind: 'fanout', name: { vi: 'F' } },
        fan2: { kind: 'fanout', name: { vi: 'F' }, fanout: { childWorkflow: '', root: { kind: 'x' }, children: {}, join: {}, onJoin: 'x', lateSubmissions: 'x', movedOut: 'x', next: 'done' } },
        direct: { kind: 'task', name: { vi: 'D' }, actor: { role: 'officer', unit: { kind: 'from_data', field: 'zzz' }, assignment: { mode: 'direct', person: { kind: 'from_data', field: 'zzz' } } }, transitions: 'x', deadline: { days: 'x' } },
        other: { kind: 'task', name: { vi: 'O' }, actor: { role: 'officer', unit: { kind: 'own' }, assignment: { mode: 'x' } }, deadline: { days: 1, calendar: 'calendar', escalations: 'x' }, distinctFrom: 'x', documentNumber: {} },
      },
    };
    const found = new Set(validateDefinition(weird).map((p) => p.code));
    for (const c of ['shape.visibility', 'shape.privilege', 'shape.roles', 'shape.field_type', 'shape.number', 'shape.enum_values', 'shape.properties', 'shape.text', 'shape.stage_kind', 'shape.role', 'shape.unit_selector', 'shape.person', 'shape.fields', 'shape.event', 'shape.transition', 'expression.op', 'shape.unit_code', 'shape.reminders', 'shape.escalation', 'unknown_stage', 'shape.events', 'unknown_field', 'shape.unit_kind', 'shape.share', 'shape.pass_basis', 'shape.ballot', 'shape.tie', 'shape.actor', 'shape.outcomes', 'shape.wait', 'shape.outcome', 'final_with_transitions', 'shape.fanout', 'shape.child_workflow', 'shape.child_selector', 'shape.join', 'shape.on_join', 'shape.boolean', 'shape.moved_out', 'shape.transitions', 'shape.deadline', 'shape.assignment', 'shape.escalations', 'shape.distinct_from', 'shape.document_number']) {
      expect([c, found.has(c)]).toEqual([c, true]);
    }
    expect(codes({ ...labDefinition, privileges: 3, dataFields: 3 })).toEqual(['privileges|shape.privileges', 'dataFields|shape.fields', 'stages.sign.actor.assignment.person.field|unknown_field']);
    expect(codes(mutate((d) => { d.stages.draft.actor = undefined; }))).toContain('stages.draft|missing_actor'.replace('|', '.actor|'));
  });

  it('compileDefinition refuses an invalid definition with its problems', () => {
    const bad = mutate((d) => {
      d.stages.check.transitions = [];
    });
    expect(() => compileDefinition(bad)).toThrow(DefinitionInvalidError);
    try {
      compileDefinition(bad);
    } catch (e) {
      expect((e as DefinitionInvalidError).problems.map((p) => p.code)).toContain('dead_end');
    }
  });

  it('docs/workflow-definitions.schema.json is the exported schema', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../../docs/workflow-definitions.schema.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(WORKFLOW_DEFINITION_JSON_SCHEMA)));
  });

  describe('unknown keys and wrong types anywhere (issue 15, line 8)', () => {
    it('every default definition and the lab fixture fit the published schema exactly', () => {
      for (const d of [labDefinition, ...Object.values(DEFAULT_DEFINITIONS)]) expect([d.key, checkAgainstSchema(d, WORKFLOW_DEFINITION_JSON_SCHEMA)]).toEqual([d.key, []]);
    });

    it('names the path of an unknown key at any depth, e.g. a `capability` the engine would ignore', () => {
      const d = mutate((d) => {
        (d.stages.check.actor as unknown as Record<string, unknown>).capability = 'thi đua';
        (d as unknown as Record<string, unknown>).routing = {};
        (d.stages.draft.transitions?.[0] as unknown as Record<string, unknown>).when = 'now';
        (d.stages.ballot.vote as unknown as Record<string, unknown>).secret = true;
        ((d.dataFields ?? [])[0] as unknown as Record<string, unknown>).widget = 'x';
      });
      expect(codes(d).filter((c) => c.endsWith('|unknown_key'))).toEqual([
        'routing|unknown_key',
        'stages.draft.transitions[0].when|unknown_key',
        'stages.check.actor.capability|unknown_key',
        'stages.ballot.vote.secret|unknown_key',
        'dataFields[0].widget|unknown_key',
      ].sort((a, b) => codes(d).indexOf(a) - codes(d).indexOf(b)));
      expect(codes(d)).toHaveLength(5);
    });

    it('names the path of a wrong type the precise checks do not cover', () => {
      const d = mutate((d) => {
        (d.stages.check as unknown as Record<string, unknown>).allowsAmendWhileOpen = 'yes';
        (d.stages.check.transitions?.[0] as unknown as Record<string, unknown>).allowEarlierTarget = 1;
        (d as unknown as Record<string, unknown>).description = 'plain';
        (d.stages.check as unknown as Record<string, unknown>).tags = ['ok'];
      });
      expect(codes(d)).toEqual(expect.arrayContaining(['stages.check.allowsAmendWhileOpen|shape.type', 'stages.check.transitions[0].allowEarlierTarget|shape.type', 'description|shape.type']));
    });

    it('property: an extra key planted in any object of any default definition is reported at its path', () => {
      const objectPaths = (x: unknown, path: string, out: Array<{ path: string; keys: string[] }>): void => {
        if (Array.isArray(x)) x.forEach((v, i) => objectPaths(v, `${path}[${i}]`, out));
        else if (typeof x === 'object' && x !== null) {
          // `stages` is a map of ids and `privileges`/`values` hold data: a new member there is a new id, not a stray key.
          if (!/(^|\.)(stages|privileges)$/.test(path)) out.push({ path, keys: Object.keys(x) });
          for (const [k, v] of Object.entries(x)) if (k !== 'values' && k !== 'const') objectPaths(v, path === '' ? k : `${path}.${k}`, out);
        }
      };
      const defs = [labDefinition, ...Object.values(DEFAULT_DEFINITIONS)];
      fc.assert(
        fc.property(fc.nat(defs.length - 1), fc.nat(10_000), fc.constantFrom('capability', 'zz_extra', 'assignee'), (di, pi, key) => {
          const d = structuredClone(defs[di]);
          const paths: Array<{ path: string; keys: string[] }> = [];
          objectPaths(d, '', paths);
          const target = paths[pi % paths.length];
          if (target.keys.includes(key)) return;
          const holder = target.path === '' ? d : target.path.split(/\.|\[|\]\.?/).filter((s) => s !== '').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], d);
          (holder as Record<string, unknown>)[key] = 1;
          const want = target.path === '' ? key : `${target.path}.${key}`;
          expect(validateDefinition(d).map((p) => `${p.path}|${p.code}`)).toContain(`${want}|unknown_key`);
        }),
        { numRuns: 300 },
      );
    });
  });
});
