import {
  ESCALATION_ACTIONS,
  OUTCOMES,
  STAGE_KINDS,
  TRANSITION_EVENTS,
  type StageSpec,
  type WorkflowDefinition,
} from './definition-types';
import { CONTEXT_FIELDS, type Expression } from './expression-types';
import { checkExpressionShape, fieldsRead } from './expression';
import { FIELD_TYPES, type FieldSpec, type Problem } from './field-types';
import { isEarlierStage, reachableFrom, stageEdges, stagesReachingFinal } from './graph';
import { checkHooks, checkStageHookShape, type HookCatalogue } from './hooks';
import { checkOfferingShape } from './offering';
import { PRIVILEGES, ROLES } from './roles';
import { WORKFLOW_DEFINITION_JSON_SCHEMA } from './definition-json-schema';
import { checkAgainstSchema } from './schema-check';
import { HELD_VISIBILITY_LEVELS, HELD_VISIBILITY_ROLES } from './held-visibility';
import { ALLOCATION_STRATEGIES, CAPABILITY_THEN, START_MODES } from './allocation';
import { checkHelpShape } from './help-requests';

const ASSIGNMENT_MODES: readonly string[] = ['offer', 'direct', 'allocate', 'role_from_data'];


export interface ValidateOptions {
  /** Keys of workflows a fan-out may spawn (besides this definition's own key). */
  knownWorkflows?: readonly string[];
  /** The hooks the runtime knows and those some workflows must carry: unknown/misused/missing hooks are problems. */
  hooks?: HookCatalogue;
  /**
   * Usernames of the people able to act (active accounts). When given, an escalation to a named person not in it is
   * `unknown_person` (the publish refuses it); without it the person is checked for shape only.
   */
  knownUsernames?: readonly string[];
}

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isShare = (x: unknown): boolean => isNum(x) && x >= 0 && x <= 1;
const oneOf = <T extends string>(list: readonly T[], x: unknown): x is T => typeof x === 'string' && (list as readonly string[]).includes(x);

class Collector {
  readonly problems: Problem[] = [];
  add(path: string, code: string, message: string): void {
    this.problems.push({ path, code, message });
  }
}

function checkText(c: Collector, x: unknown, path: string): void {
  if (!isRec(x) || !isStr(x.vi)) c.add(path, 'shape.text', 'needs a Vietnamese text {vi, en?}');
}

function checkUnitSelector(c: Collector, x: unknown, path: string, knownFields: Set<string>): void {
  if (!isRec(x)) return c.add(path, 'shape.unit_selector', 'unit selector must be an object');
  switch (x.kind) {
    case 'own':
    case 'parent':
      return;
    case 'ancestor_of_kind':
      if (!isStr(x.unitKind)) c.add(`${path}.unitKind`, 'shape.unit_kind', 'ancestor_of_kind needs unitKind');
      return;
    case 'fixed':
      if (!isStr(x.unitCode)) c.add(`${path}.unitCode`, 'shape.unit_code', 'fixed needs unitCode');
      return;
    case 'from_data':
      if (!isStr(x.field)) c.add(`${path}.field`, 'shape.field', 'from_data needs a field');
      else if (!knownFields.has(x.field)) c.add(`${path}.field`, 'unknown_field', `field ${x.field} is not declared`);
      return;
    default:
      c.add(`${path}.kind`, 'shape.unit_selector', 'kind must be own, parent, ancestor_of_kind, fixed or from_data');
  }
}

function checkRoleAt(c: Collector, x: unknown, path: string, knownFields: Set<string>): void {
  if (!isRec(x)) return c.add(path, 'shape.actor', 'must be {role, unit}');
  if (!oneOf(ROLES, x.role)) c.add(`${path}.role`, 'shape.role', `role must be one of ${ROLES.join(', ')}`);
  checkUnitSelector(c, x.unit, `${path}.unit`, knownFields);
}

function checkEscalationTarget(c: Collector, x: unknown, path: string, knownFields: Set<string>, knownUsernames: readonly string[] | undefined): void {
  if (!isRec(x)) return c.add(path, 'shape.escalation_target', 'a reassign step needs to: {role, unit}, {chairOf, role?} or {person: {username}, role?}');
  if (x.role !== undefined && !oneOf(ROLES, x.role)) c.add(`${path}.role`, 'shape.role', `role must be one of ${ROLES.join(', ')}`);
  if ('chairOf' in x) return checkUnitSelector(c, x.chairOf, `${path}.chairOf`, knownFields);
  if ('person' in x) {
    const person = x.person;
    if (!isRec(person) || !isStr(person.username)) return c.add(`${path}.person.username`, 'shape.person', 'a named person needs a username');
    if (knownUsernames && !knownUsernames.includes(person.username)) c.add(`${path}.person.username`, 'unknown_person', `no active user ${person.username} can receive this work`);
    return;
  }
  if ('unit' in x || x.role !== undefined) {
    if (x.role === undefined) c.add(`${path}.role`, 'shape.role', 'a role at a unit needs role');
    return checkUnitSelector(c, x.unit, `${path}.unit`, knownFields);
  }
  c.add(path, 'shape.escalation_target', 'to is {role, unit}, {chairOf, role?} or {person: {username}, role?}');
}

function checkField(c: Collector, f: unknown, path: string, named: boolean): void {
  if (!isRec(f)) return c.add(path, 'shape.field', 'field spec must be an object');
  if (named && !isStr(f.name)) c.add(`${path}.name`, 'shape.field_name', 'field needs a name');
  if (!oneOf(FIELD_TYPES, f.type)) c.add(`${path}.type`, 'shape.field_type', `type must be one of ${FIELD_TYPES.join(', ')}`);
  if (f.min !== undefined && !isNum(f.min)) c.add(`${path}.min`, 'shape.number', 'min must be a number');
  if (f.max !== undefined && !isNum(f.max)) c.add(`${path}.max`, 'shape.number', 'max must be a number');
  if (f.type === 'enum' && (!Array.isArray(f.values) || f.values.length === 0)) c.add(`${path}.values`, 'shape.enum_values', 'enum needs values');
  if (f.items !== undefined) checkField(c, f.items, `${path}.items`, false);
  if (f.properties !== undefined) {
    if (!Array.isArray(f.properties)) c.add(`${path}.properties`, 'shape.properties', 'properties must be a list');
    else f.properties.forEach((p, i) => checkField(c, p, `${path}.properties[${i}]`, true));
  }
  if (f.label !== undefined) checkText(c, f.label, `${path}.label`);
}

function checkPrivileges(c: Collector, x: unknown, path: string): void {
  if (x === undefined) return;
  if (!isRec(x)) return c.add(path, 'shape.privileges', 'privileges map a privilege to roles');
  for (const [k, v] of Object.entries(x)) {
    if (!oneOf(PRIVILEGES, k)) c.add(`${path}.${k}`, 'shape.privilege', `unknown privilege ${k}`);
    if (!Array.isArray(v) || !v.every((r) => oneOf(ROLES, r))) c.add(`${path}.${k}`, 'shape.roles', 'privileges list roles');
  }
}

function checkHeldVisibility(c: Collector, x: unknown, path: string): void {
  if (x === undefined) return;
  if (!isRec(x)) return c.add(path, 'shape.visibility', 'visibility maps a role to none, count, titles or all');
  for (const [k, v] of Object.entries(x)) {
    if (!oneOf(HELD_VISIBILITY_ROLES, k)) c.add(`${path}.${k}`, 'shape.visibility_role', `visibility names officer, supervisor, council_member, council_secretary or admin (viewers: viewerVisibility), not ${k}`);
    else if (!oneOf(HELD_VISIBILITY_LEVELS, v)) c.add(`${path}.${k}`, 'shape.visibility', 'a visibility level is none, count, titles or all');
  }
}

function checkGuardFields(c: Collector, guard: Expression, path: string, knownFields: Set<string>): void {
  for (const field of fieldsRead(guard)) {
    const [head, name] = field.split('.');
    const ok =
      head === 'data' ? name !== undefined && knownFields.has(name) : (CONTEXT_FIELDS as readonly string[]).includes(field);
    if (!ok) c.add(path, 'unknown_field', `guard reads ${field}, which is neither a declared data field nor a context field`);
  }
}

/** Declared data field names: the definition's dataFields plus every stage's fields. */
export function declaredFields(def: WorkflowDefinition): FieldSpec[] {
  const out: FieldSpec[] = Array.isArray(def.dataFields) ? [...def.dataFields] : [];
  for (const s of Object.values(def.stages ?? {})) if (isRec(s) && Array.isArray(s.fields)) out.push(...s.fields);
  return out;
}

function checkStage(c: Collector, def: WorkflowDefinition, id: string, s: Rec, knownFields: Set<string>, opts: ValidateOptions): void {
  const p = `stages.${id}`;
  const stages = def.stages;
  const exists = (x: unknown): boolean => typeof x === 'string' && Object.prototype.hasOwnProperty.call(stages, x);
  const target = (x: unknown, path: string): void => {
    if (!isStr(x)) c.add(path, 'shape.target', 'target must be a stage id');
    else if (!exists(x)) c.add(path, 'unknown_stage', `stage ${x} does not exist`);
  };
  if (!oneOf(STAGE_KINDS, s.kind)) c.add(`${p}.kind`, 'shape.stage_kind', `kind must be one of ${STAGE_KINDS.join(', ')}`);
  checkText(c, s.name, `${p}.name`);
  if (s.actor !== undefined) {
    checkRoleAt(c, s.actor, `${p}.actor`, knownFields);
    const a = isRec(s.actor) ? s.actor.assignment : undefined;
    if (a !== undefined) {
      if (!isRec(a) || !ASSIGNMENT_MODES.includes(a.mode as string)) c.add(`${p}.actor.assignment`, 'shape.assignment', `assignment mode must be one of ${ASSIGNMENT_MODES.join(', ')}`);
      else if (a.mode === 'allocate') {
        if (!oneOf(ALLOCATION_STRATEGIES, a.strategy)) c.add(`${p}.actor.assignment.strategy`, 'unknown_strategy', `strategy must be one of ${ALLOCATION_STRATEGIES.join(', ')}`);
        if (a.strategy === 'capability' && (!isStr(a.capability) || a.capability.trim() === '')) c.add(`${p}.actor.assignment.capability`, 'missing_capability', 'the capability strategy needs the capability people must carry');
        if (a.strategy !== 'capability' && a.capability !== undefined) c.add(`${p}.actor.assignment.capability`, 'capability_without_strategy', 'capability applies only to the capability strategy');
        if (a.then !== undefined && (a.strategy !== 'capability' || !oneOf(CAPABILITY_THEN, a.then))) c.add(`${p}.actor.assignment.then`, 'unknown_strategy', `then applies to the capability strategy and must be one of ${CAPABILITY_THEN.join(', ')}`);
      } else if (a.mode === 'role_from_data') {
        if (!isStr(a.field) || !knownFields.has(a.field)) c.add(`${p}.actor.assignment.field`, 'unknown_field', 'role field is not declared');
      }
      else if (a.mode === 'direct') {
        const person = a.person;
        if (!isRec(person)) c.add(`${p}.actor.assignment.person`, 'shape.person', 'direct assignment needs a person');
        else if (person.kind === 'same_as_stage') target(person.stage, `${p}.actor.assignment.person.stage`);
        else if (person.kind === 'from_data') {
          if (!isStr(person.field) || !knownFields.has(person.field)) c.add(`${p}.actor.assignment.person.field`, 'unknown_field', 'person field is not declared');
        } else if (person.kind !== 'submitter') c.add(`${p}.actor.assignment.person.kind`, 'shape.person', 'person kind must be submitter, same_as_stage or from_data');
      }
    }
    const act = isRec(s.actor) ? s.actor : {};
    if (act.start !== undefined && !oneOf(START_MODES, act.start)) c.add(`${p}.actor.start`, 'shape.start', `start must be one of ${START_MODES.join(', ')}`);
  } else if (s.kind === 'task') c.add(`${p}.actor`, 'missing_actor', 'a task stage needs an actor (role and unit)');
  if (s.fields !== undefined) {
    if (!Array.isArray(s.fields)) c.add(`${p}.fields`, 'shape.fields', 'fields must be a list');
    else s.fields.forEach((f, i) => checkField(c, f, `${p}.fields[${i}]`, true));
  }
  const transitions = s.transitions;
  if (transitions !== undefined && !Array.isArray(transitions)) c.add(`${p}.transitions`, 'shape.transitions', 'transitions must be a list');
  if (Array.isArray(transitions)) {
    if (s.kind === 'final' && transitions.length > 0) c.add(`${p}.transitions`, 'final_with_transitions', 'a final stage accepts no event');
    transitions.forEach((t, i) => {
      const tp = `${p}.transitions[${i}]`;
      if (!isRec(t)) return c.add(tp, 'shape.transition', 'transition must be an object');
      if (!oneOf(TRANSITION_EVENTS, t.on)) c.add(`${tp}.on`, 'shape.event', `on must be one of ${TRANSITION_EVENTS.join(', ')}`);
      if (t.target !== undefined || t.on !== 'return') target(t.target, `${tp}.target`);
      if (t.on === 'return' && isStr(t.target) && exists(t.target) && !isEarlierStage(def, t.target, id)) {
        c.add(`${tp}.target`, 'return_not_earlier', `return target ${t.target} is not an earlier stage of ${id}`);
      }
      if (t.guard !== undefined) {
        const shape = checkExpressionShape(t.guard, `${tp}.guard`);
        shape.forEach((x) => c.add(x.path, x.code, x.message));
        if (shape.length === 0) checkGuardFields(c, t.guard as Expression, `${tp}.guard`, knownFields);
      }
      if (t.by !== undefined && t.by !== 'assignee' && t.by !== 'submitter') checkRoleAt(c, t.by, `${tp}.by`, knownFields);
      if ((t.by === undefined || t.by === 'assignee') && s.actor === undefined && s.kind !== 'vote') {
        c.add(`${tp}.by`, 'missing_actor', 'the stage has no actor: say who fires this transition');
      }
    });
  }
  if (s.deadline !== undefined) {
    const d = s.deadline;
    if (!isRec(d) || !isNum(d.days) || d.days < 0 || (d.calendar !== 'calendar' && d.calendar !== 'working')) {
      c.add(`${p}.deadline`, 'shape.deadline', 'deadline needs days >= 0 and calendar calendar|working');
    } else {
      if (d.reminders !== undefined && (!Array.isArray(d.reminders) || !d.reminders.every((r) => isNum(r) && r >= 0))) c.add(`${p}.deadline.reminders`, 'shape.reminders', 'reminders are day offsets >= 0');
      if (d.daysField !== undefined && (typeof d.daysField !== 'string' || d.daysField.length === 0)) c.add(`${p}.deadline.daysField`, 'shape.deadline', 'daysField names a data field');
      if (d.escalations !== undefined) {
        if (!Array.isArray(d.escalations)) c.add(`${p}.deadline.escalations`, 'shape.escalations', 'escalations must be a list');
        else
          d.escalations.forEach((e, i) => {
            const ep = `${p}.deadline.escalations[${i}]`;
            if (!isRec(e) || !isNum(e.afterDays) || e.afterDays < 0 || !oneOf(ESCALATION_ACTIONS, e.action)) {
              c.add(ep, 'shape.escalation', `escalation needs afterDays >= 0 and action ${ESCALATION_ACTIONS.join('|')}`);
              return;
            }
            const prev: unknown = (d.escalations as unknown[])[i - 1];
            if (i > 0 && isRec(prev) && isNum(prev.afterDays) && e.afterDays < prev.afterDays) {
              c.add(`${ep}.afterDays`, 'escalation.order', `the steps of a chain come in order: afterDays ${e.afterDays} is before the previous step's ${prev.afterDays}`);
            }
            if (e.action === 'reassign') checkEscalationTarget(c, e.to, `${ep}.to`, knownFields, opts.knownUsernames);
            else if (e.to !== undefined) c.add(`${ep}.to`, 'escalation.target_without_reassign', `only a reassign step names whom it hands the work to (action is ${e.action})`);
            if ((e.action === 'reassign' || e.action === 'reassign_upward') && !s.actor && s.kind !== 'vote') {
              c.add(`${ep}.action`, 'escalation.nobody_to_reassign', 'a stage without an actor has no work to hand over');
            }
          });
      }
    }
  }
  if (s.distinctFrom !== undefined) {
    if (!Array.isArray(s.distinctFrom)) c.add(`${p}.distinctFrom`, 'shape.distinct_from', 'distinctFrom must be a list of stage ids');
    else s.distinctFrom.forEach((x, i) => target(x, `${p}.distinctFrom[${i}]`));
  }
  if (s.requiresCommentOn !== undefined && (!Array.isArray(s.requiresCommentOn) || !s.requiresCommentOn.every((e) => oneOf(TRANSITION_EVENTS, e)))) {
    c.add(`${p}.requiresCommentOn`, 'shape.events', 'requiresCommentOn lists transition events');
  }
  if (s.documentNumber !== undefined) {
    const dn = s.documentNumber;
    if (!isRec(dn) || !isStr(dn.docType)) c.add(`${p}.documentNumber`, 'shape.document_number', 'documentNumber needs a docType');
    else if (dn.issuer !== undefined) checkUnitSelector(c, dn.issuer, `${p}.documentNumber.issuer`, knownFields);
  }
  if (s.kind === 'vote') {
    const v = s.vote;
    if (!isRec(v) || v.voters === undefined) c.add(`${p}.vote.voters`, 'vote_without_voters', 'a vote stage needs eligible voters (role at a unit)');
    if (isRec(v)) {
      if (v.voters !== undefined) checkRoleAt(c, v.voters, `${p}.vote.voters`, knownFields);
      if (!isShare(v.quorum)) c.add(`${p}.vote.quorum`, 'shape.share', 'quorum is a share 0..1');
      if (!isShare(v.passRatio)) c.add(`${p}.vote.passRatio`, 'shape.share', 'passRatio is a share 0..1');
      if (v.passBasis !== undefined && v.passBasis !== 'cast' && v.passBasis !== 'eligible') c.add(`${p}.vote.passBasis`, 'shape.pass_basis', 'passBasis is cast or eligible');
      if (v.ballot !== 'secret' && v.ballot !== 'open') c.add(`${p}.vote.ballot`, 'shape.ballot', 'ballot is secret or open');
      if (!oneOf(['fail', 'pass', 'chair_decides'] as const, v.tie)) c.add(`${p}.vote.tie`, 'shape.tie', 'tie is fail, pass or chair_decides');
      if (v.closeBy !== undefined) checkRoleAt(c, v.closeBy, `${p}.vote.closeBy`, knownFields);
    }
    const o = s.outcomes;
    if (!isRec(o)) c.add(`${p}.outcomes`, 'shape.outcomes', 'a vote stage needs outcomes {passed, failed, no_quorum}');
    else for (const k of ['passed', 'failed', 'no_quorum']) target(o[k], `${p}.outcomes.${k}`);
  }
  if (s.kind === 'fanout') {
    const f = s.fanout;
    if (!isRec(f)) c.add(`${p}.fanout`, 'shape.fanout', 'a fanout stage needs fanout settings');
    else {
      const known = new Set([def.key, ...(opts.knownWorkflows ?? [])]);
      if (!isStr(f.childWorkflow)) c.add(`${p}.fanout.childWorkflow`, 'shape.child_workflow', 'childWorkflow is a workflow key');
      else if (opts.knownWorkflows && !known.has(f.childWorkflow)) c.add(`${p}.fanout.childWorkflow`, 'unknown_workflow', `workflow ${f.childWorkflow} is not known`);
      if (f.root !== undefined) checkUnitSelector(c, f.root, `${p}.fanout.root`, knownFields);
      const ch = f.children;
      if (!isRec(ch) || (ch.kind !== 'descendants_of_kind' && ch.kind !== 'children_of_kind') || (ch.kind === 'descendants_of_kind' && !isStr(ch.unitKind))) {
        c.add(`${p}.fanout.children`, 'shape.child_selector', 'children is {kind: descendants_of_kind, unitKind} or {kind: children_of_kind, unitKind?}');
      }
      const j = f.join;
      const joinOk = isRec(j) && (j.kind === 'all' || (j.kind === 'count' && isNum(j.n) && j.n >= 1) || (j.kind === 'share' && isShare(j.share)));
      if (!joinOk) c.add(`${p}.fanout.join`, 'shape.join', 'join is {kind: all} | {kind: count, n >= 1} | {kind: share, share 0..1}');
      if (!oneOf(['cancel_remaining', 'close_remaining', 'leave_open'] as const, f.onJoin)) c.add(`${p}.fanout.onJoin`, 'shape.on_join', 'onJoin is cancel_remaining, close_remaining or leave_open');
      if (typeof f.lateSubmissions !== 'boolean') c.add(`${p}.fanout.lateSubmissions`, 'shape.boolean', 'lateSubmissions is a boolean');
      if (f.movedOut !== 'cancel' && f.movedOut !== 'carry_over') c.add(`${p}.fanout.movedOut`, 'shape.moved_out', 'movedOut is cancel or carry_over');
      target(f.next, `${p}.fanout.next`);
    }
  }
  if (s.kind === 'wait') {
    const w = s.wait;
    if (!isRec(w) || !isNum(w.days) || w.days < 0 || (w.calendar !== 'calendar' && w.calendar !== 'working')) c.add(`${p}.wait`, 'shape.wait', 'a wait stage needs {days, calendar, target}');
    if (isRec(w)) target(w.target, `${p}.wait.target`);
  }
  if (s.kind === 'final' && !oneOf(OUTCOMES, s.outcome)) c.add(`${p}.outcome`, 'shape.outcome', `a final stage needs an outcome: ${OUTCOMES.join(', ')}`);
  checkPrivileges(c, s.privileges, `${p}.privileges`);
  checkHeldVisibility(c, s.visibility, `${p}.visibility`);
  checkStageHookShape(s, p, (path, code, message) => c.add(path, code, message));
  checkOfferingShape(s, p, (path, code, message) => c.add(path, code, message));
  checkHelpShape(s, p, (path, code, message) => c.add(path, code, message));
}

const related = (a: string, b: string): boolean =>
  a === b || a === '' || b === '' || b.startsWith(`${a}.`) || b.startsWith(`${a}[`) || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);

/**
 * Every problem of a definition (shape and semantics), each with its path. Empty means valid. The shape is checked
 * twice on purpose: by the hand-written checks (precise codes such as `shape.join`) and by a walk over the published
 * JSON Schema (unknown keys and wrong types anywhere); a schema problem is kept only where no precise one covers it.
 */
export function validateDefinition(input: unknown, opts: ValidateOptions = {}): Problem[] {
  const precise = checkDefinition(input, opts);
  const shapeOnes = precise.filter((p) => p.code.startsWith('shape.') || p.code.startsWith('expression.'));
  const fromSchema = checkAgainstSchema(input, WORKFLOW_DEFINITION_JSON_SCHEMA).filter(
    (s) => !precise.some((p) => p.path === s.path) && !shapeOnes.some((p) => related(p.path, s.path)),
  );
  return [...fromSchema.filter((s) => s.code === 'unknown_key'), ...precise, ...fromSchema.filter((s) => s.code !== 'unknown_key')];
}

function checkDefinition(input: unknown, opts: ValidateOptions): Problem[] {
  const c = new Collector();
  if (!isRec(input)) {
    c.add('', 'shape.definition', 'a definition must be an object');
    return c.problems;
  }
  if (input.schemaVersion !== 1) c.add('schemaVersion', 'shape.schema_version', 'schemaVersion must be 1');
  if (!isStr(input.key) || !/^[a-z][a-z0-9_]*$/.test(input.key)) c.add('key', 'shape.key', 'key must be snake_case');
  if (!isNum(input.version) || !Number.isInteger(input.version) || input.version < 1) c.add('version', 'shape.version', 'version must be an integer >= 1');
  checkText(c, input.name, 'name');
  if (input.viewerVisibility !== undefined && !oneOf(['none', 'count', 'titles', 'all'] as const, input.viewerVisibility)) {
    c.add('viewerVisibility', 'shape.visibility', 'viewerVisibility is none, count, titles or all');
  }
  checkPrivileges(c, input.privileges, 'privileges');
  checkHeldVisibility(c, input.visibility, 'visibility');
  if (input.dataFields !== undefined) {
    if (!Array.isArray(input.dataFields)) c.add('dataFields', 'shape.fields', 'dataFields must be a list');
    else input.dataFields.forEach((f, i) => checkField(c, f, `dataFields[${i}]`, true));
  }
  if (!isRec(input.stages) || Object.keys(input.stages).length === 0) {
    c.add('stages', 'shape.stages', 'stages must be a non-empty object keyed by stage id');
    return c.problems;
  }
  const def = input as unknown as WorkflowDefinition;
  if (!isStr(input.initialStage) || !isRec(input.stages[input.initialStage])) {
    c.add('initialStage', 'unknown_stage', 'initialStage must name a stage');
  }
  const stageRecs = Object.entries(input.stages);
  if (stageRecs.some(([, s]) => !isRec(s))) {
    stageRecs.filter(([, s]) => !isRec(s)).forEach(([id]) => c.add(`stages.${id}`, 'shape.stage', 'stage must be an object'));
    return c.problems;
  }
  const knownFields = new Set(declaredFields(def).filter((f) => isRec(f) && isStr(f.name)).map((f) => f.name));
  for (const [id, s] of stageRecs) checkStage(c, def, id, s as Rec, knownFields, opts);
  if (opts.hooks && !c.problems.some((p) => p.code === 'shape.hooks')) for (const p of checkHooks(def, opts.hooks)) c.add(p.path, p.code, p.message);
  if (c.problems.some((p) => p.code === 'unknown_stage' || p.code.startsWith('shape.stage'))) return c.problems;

  // Graph semantics.
  const reachable = reachableFrom(def, def.initialStage);
  const reachesFinal = stagesReachingFinal(def);
  for (const id of Object.keys(def.stages)) {
    const s: StageSpec = def.stages[id];
    if (!reachable.has(id)) c.add(`stages.${id}`, 'unreachable', `stage ${id} cannot be reached from ${def.initialStage}`);
    if (s.kind === 'final') continue;
    const edges = stageEdges(def, id);
    if (edges.length === 0) c.add(`stages.${id}`, 'dead_end', `stage ${id} is not final and has no way out`);
    else if (!reachesFinal.has(id)) {
      const inLoop = edges.some((e) => reachableFrom(def, e.target).has(id));
      c.add(`stages.${id}`, inLoop ? 'loop_without_exit' : 'no_path_to_final', inLoop ? `stage ${id} is in a loop with no way to a final stage` : `no final stage can be reached from ${id}`);
    }
  }
  return c.problems;
}
