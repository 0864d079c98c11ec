import { ALLOCATION_STRATEGIES, CAPABILITY_THEN, START_MODES } from './allocation';
import { ESCALATION_ACTIONS, OUTCOMES, STAGE_KINDS, TRANSITION_EVENTS } from './definition-types';
import { COMPARISON_OPS } from './expression-types';
import { FIELD_TYPES } from './field-types';
import { PRIVILEGES, ROLES } from './roles';
import { MAX_STAGES_AHEAD } from './offering';
import { HELD_VISIBILITY_LEVELS, HELD_VISIBILITY_ROLES } from './held-visibility';

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const share = { type: 'number', minimum: 0, maximum: 1 };
const days = { type: 'number', minimum: 0 };
const roleAt = { type: 'object', required: ['role', 'unit'], additionalProperties: false, properties: { role: ref('role'), unit: ref('unitSelector') } };

const fieldMembers = {
  type: { enum: [...FIELD_TYPES] },
  required: { type: 'boolean' },
  min: { type: 'number' },
  max: { type: 'number' },
  values: { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } },
  items: ref('fieldItems'),
  properties: { type: 'array', items: ref('field') },
  label: ref('text'),
};

/** JSON Schema (2020-12) of a workflow definition, schemaVersion 1. Also in docs/workflow-definitions.schema.json. */
export const WORKFLOW_DEFINITION_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://thidua.flow/schemas/workflow-definition-v1.json',
  title: 'ThiĐua Flow workflow definition',
  type: 'object',
  required: ['schemaVersion', 'key', 'version', 'name', 'initialStage', 'stages'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: 1 },
    key: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
    version: { type: 'integer', minimum: 1 },
    name: ref('text'),
    description: ref('text'),
    initialStage: { type: 'string' },
    stages: { type: 'object', minProperties: 1, additionalProperties: ref('stage') },
    dataFields: { type: 'array', items: ref('field') },
    privileges: ref('privileges'),
    separationOfDuties: { type: 'object', additionalProperties: false, properties: { submitterCannotApprove: { type: 'boolean' } } },
    viewerVisibility: { enum: ['none', 'count', 'titles', 'all'] },
    visibility: ref('heldVisibility'),
    inFlightOnMove: { enum: ['follow_tree', 'stay'] },
  },
  $defs: {
    text: { type: 'object', required: ['vi'], additionalProperties: false, properties: { vi: { type: 'string', minLength: 1 }, en: { type: 'string' } } },
    role: { enum: [...ROLES] },
    heldVisibility: { type: 'object', additionalProperties: false, properties: Object.fromEntries(HELD_VISIBILITY_ROLES.map((r) => [r, { enum: [...HELD_VISIBILITY_LEVELS] }])) },
    privileges: { type: 'object', propertyNames: { enum: [...PRIVILEGES] }, additionalProperties: { type: 'array', items: ref('role') } },
    unitSelector: {
      oneOf: [
        { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { enum: ['own', 'parent'] } } },
        { type: 'object', required: ['kind', 'unitKind'], additionalProperties: false, properties: { kind: { const: 'ancestor_of_kind' }, unitKind: { type: 'string' }, includeSelf: { type: 'boolean' } } },
        { type: 'object', required: ['kind', 'unitCode'], additionalProperties: false, properties: { kind: { const: 'fixed' }, unitCode: { type: 'string' } } },
        { type: 'object', required: ['kind', 'field'], additionalProperties: false, properties: { kind: { const: 'from_data' }, field: { type: 'string' } } },
      ],
    },
    roleAt,
    escalationTarget: {
      oneOf: [
        roleAt,
        { type: 'object', required: ['chairOf'], additionalProperties: false, properties: { chairOf: ref('unitSelector'), role: ref('role') } },
        {
          type: 'object',
          required: ['person'],
          additionalProperties: false,
          properties: { person: { type: 'object', required: ['username'], additionalProperties: false, properties: { username: { type: 'string', minLength: 1 } } }, role: ref('role') },
        },
      ],
    },
    field: {
      type: 'object',
      required: ['name', 'type'],
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1 }, ...fieldMembers },
    },
    fieldItems: { type: 'object', required: ['type'], additionalProperties: false, properties: fieldMembers },
    operand: {
      oneOf: [
        { type: 'object', required: ['field'], additionalProperties: false, properties: { field: { type: 'string', pattern: '^(data|context)\\.' } } },
        { type: 'object', required: ['const'], additionalProperties: false, properties: { const: { type: ['string', 'number', 'boolean', 'null', 'array'] } } },
      ],
    },
    expression: {
      oneOf: [
        { type: 'object', required: ['op', 'args'], additionalProperties: false, properties: { op: { enum: ['and', 'or'] }, args: { type: 'array', minItems: 1, items: ref('expression') } } },
        { type: 'object', required: ['op', 'arg'], additionalProperties: false, properties: { op: { const: 'not' }, arg: ref('expression') } },
        { type: 'object', required: ['op', 'left', 'right'], additionalProperties: false, properties: { op: { enum: [...COMPARISON_OPS, 'in'] }, left: ref('operand'), right: ref('operand') } },
        { type: 'object', required: ['op', 'field'], additionalProperties: false, properties: { op: { const: 'exists' }, field: { type: 'string' } } },
        { type: 'object', required: ['op', 'value'], additionalProperties: false, properties: { op: { const: 'const' }, value: { type: 'boolean' } } },
      ],
    },
    transition: {
      type: 'object',
      required: ['on'],
      additionalProperties: false,
      properties: {
        on: { enum: [...TRANSITION_EVENTS] },
        target: { type: 'string' },
        guard: ref('expression'),
        by: { oneOf: [{ enum: ['assignee', 'submitter'] }, roleAt] },
        label: ref('text'),
        allowEarlierTarget: { type: 'boolean' },
      },
    },
    deadline: {
      type: 'object',
      required: ['days', 'calendar'],
      additionalProperties: false,
      properties: {
        days,
        calendar: { enum: ['calendar', 'working'] },
        daysField: { type: 'string', minLength: 1 },
        reminders: { type: 'array', items: days },
        escalations: { type: 'array', items: { type: 'object', required: ['afterDays', 'action'], additionalProperties: false, properties: { afterDays: days, action: { enum: [...ESCALATION_ACTIONS] }, to: ref('escalationTarget') } } },
      },
    },
    stage: {
      type: 'object',
      required: ['kind', 'name'],
      additionalProperties: false,
      properties: {
        kind: { enum: [...STAGE_KINDS] },
        name: ref('text'),
        actor: {
          type: 'object',
          required: ['role', 'unit'],
          additionalProperties: false,
          properties: {
            role: ref('role'),
            unit: ref('unitSelector'),
            assignment: {
              oneOf: [
                { type: 'object', required: ['mode'], additionalProperties: false, properties: { mode: { const: 'offer' } } },
                {
                  type: 'object',
                  required: ['mode', 'person'],
                  additionalProperties: false,
                  properties: {
                    mode: { const: 'direct' },
                    person: {
                      oneOf: [
                        { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'submitter' } } },
                        { type: 'object', required: ['kind', 'stage'], additionalProperties: false, properties: { kind: { const: 'same_as_stage' }, stage: { type: 'string' } } },
                        { type: 'object', required: ['kind', 'field'], additionalProperties: false, properties: { kind: { const: 'from_data' }, field: { type: 'string' } } },
                      ],
                    },
                  },
                },
                {
                  type: 'object',
                  required: ['mode', 'strategy'],
                  additionalProperties: false,
                  properties: { mode: { const: 'allocate' }, strategy: { enum: [...ALLOCATION_STRATEGIES] }, capability: { type: 'string', minLength: 1 }, then: { enum: [...CAPABILITY_THEN] } },
                },
                { type: 'object', required: ['mode', 'field'], additionalProperties: false, properties: { mode: { const: 'role_from_data' }, field: { type: 'string' } } },
              ],
            },
            start: { enum: [...START_MODES] },
            chained: { type: 'boolean' },
          },
        },
        fields: { type: 'array', items: ref('field') },
        transitions: { type: 'array', items: ref('transition') },
        deadline: ref('deadline'),
        distinctFrom: { type: 'array', items: { type: 'string' } },
        requiresCommentOn: { type: 'array', items: { enum: [...TRANSITION_EVENTS] } },
        allowsAmendWhileOpen: { type: 'boolean' },
        documentNumber: { type: 'object', required: ['docType'], additionalProperties: false, properties: { docType: { type: 'string' }, series: { type: 'string' }, issuer: ref('unitSelector') } },
        vote: {
          type: 'object',
          required: ['voters', 'quorum', 'passRatio', 'ballot', 'tie'],
          additionalProperties: false,
          properties: { voters: roleAt, quorum: share, passRatio: share, passBasis: { enum: ['cast', 'eligible'] }, ballot: { enum: ['secret', 'open'] }, tie: { enum: ['fail', 'pass', 'chair_decides'] }, closeBy: roleAt },
        },
        outcomes: { type: 'object', required: ['passed', 'failed', 'no_quorum'], additionalProperties: false, properties: { passed: { type: 'string' }, failed: { type: 'string' }, no_quorum: { type: 'string' } } },
        fanout: {
          type: 'object',
          required: ['childWorkflow', 'children', 'join', 'onJoin', 'lateSubmissions', 'movedOut', 'next'],
          additionalProperties: false,
          properties: {
            childWorkflow: { type: 'string' },
            root: ref('unitSelector'),
            children: {
              oneOf: [
                { type: 'object', required: ['kind', 'unitKind'], additionalProperties: false, properties: { kind: { const: 'descendants_of_kind' }, unitKind: { type: 'string' } } },
                { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'children_of_kind' }, unitKind: { type: 'string' } } },
              ],
            },
            join: {
              oneOf: [
                { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'all' } } },
                { type: 'object', required: ['kind', 'n'], additionalProperties: false, properties: { kind: { const: 'count' }, n: { type: 'integer', minimum: 1 } } },
                { type: 'object', required: ['kind', 'share'], additionalProperties: false, properties: { kind: { const: 'share' }, share } },
              ],
            },
            onJoin: { enum: ['cancel_remaining', 'close_remaining', 'leave_open'] },
            lateSubmissions: { type: 'boolean' },
            movedOut: { enum: ['cancel', 'carry_over'] },
            next: { type: 'string' },
          },
        },
        wait: { type: 'object', required: ['days', 'calendar', 'target'], additionalProperties: false, properties: { days, calendar: { enum: ['calendar', 'working'] }, target: { type: 'string' } } },
        outcome: { enum: [...OUTCOMES] },
        hooks: {
          type: 'array',
          items: { type: 'object', required: ['name', 'on'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1 }, on: { enum: ['enter', 'leave'] } } },
        },
        tags: { type: 'array', items: { type: 'string', minLength: 1 } },
        privileges: ref('privileges'),
        visibility: ref('heldVisibility'),
        offering: ref('offering'),
        help: {
          type: 'object',
          required: ['allowed'],
          additionalProperties: false,
          properties: {
            allowed: { type: 'boolean' },
            coSign: { type: 'object', additionalProperties: false, properties: { required: { type: 'boolean' }, minimum: { type: 'integer', minimum: 1 }, waitForAll: { type: 'boolean' } } },
          },
        },
      },
    },
    offering: {
      type: 'object',
      additionalProperties: false,
      properties: {
        early: { type: 'object', additionalProperties: false, properties: { stagesAhead: { type: 'integer', minimum: 1, maximum: MAX_STAGES_AHEAD } } },
        late: {
          type: 'object',
          additionalProperties: false,
          properties: {
            after: { type: 'object', required: ['days', 'calendar'], additionalProperties: false, properties: { days: { type: 'number', exclusiveMinimum: 0 }, calendar: { enum: ['calendar', 'working'] } } },
            whenQueueBelow: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
  },
} as const;
