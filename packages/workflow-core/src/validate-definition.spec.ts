import { validateDefinition } from './validate-definition';
import { compileDefinition, DefinitionInvalidError } from './compile';
import { labDefinition } from './__fixtures__/lab-definition';
import type { WorkflowDefinition } from './definition-types';
import { WORKFLOW_DEFINITION_JSON_SCHEMA } from './definition-json-schema';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
});
