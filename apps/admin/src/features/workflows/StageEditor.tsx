import { useState, type ReactNode } from 'react';
import { UNIT_KINDS } from '@thidua/contracts';
import {
  ESCALATION_ACTIONS,
  FIELD_TYPES,
  heldVisibilityAt,
  OUTCOMES,
  PRIVILEGES,
  ROLES,
  stagePrivilegeRoles,
  STAGE_KINDS,
  TRANSITION_EVENTS,
  type Assignment,
  type ChildSelector,
  type DeadlineSpec,
  type EscalationSpec,
  type EscalationTarget,
  type FanoutSpec,
  type FieldSpec,
  type FieldType,
  type Problem,
  type Role,
  type StageKind,
  type StageSpec,
  type TransitionEvent,
  type TransitionSpec,
  type UnitSelector,
  type VoteSpec,
  type WaitSpec,
  type WorkflowDefinition,
} from '@thidua/workflow-core';
import { useI18n, useT } from '../../i18n/i18n-context';
import { HeldVisibilityInputs } from './HeldVisibilityInputs';
import { OfferingInputs } from './OfferingInputs';
import { HelpInputs } from './HelpInputs';
import { AllocateFields, StartInputs } from './AllocationInputs';
import { compact, parseDayList, pathInsideStage, stageNames, withDistinctFrom, withStagePrivilege } from './definition-model';
import { CheckboxInput, Fieldset, NumberInput, SelectInput, TextInput, type Option } from './form-controls';
import { ProblemText } from './ProblemText';
import { guardText } from './guard-text';

interface StageEditorProps {
  definition: WorkflowDefinition;
  stageId: string;
  problems: readonly Problem[];
  knownWorkflows: readonly string[];
  isReadOnly: boolean;
  onChange: (stage: StageSpec) => void;
  onRemove: () => void;
}

const UNIT_SELECTOR_KINDS = ['own', 'parent', 'ancestor_of_kind', 'fixed', 'from_data'] as const;

/**
 * Edits one stage of the definition as a form: who acts, deadlines and reminders, escalation, required fields, vote
 * and fan-out rules, transitions. Every change goes straight back into the definition, which is validated as it is
 * typed; the stage's problems are listed at the top and linked to the controls they concern.
 */
export function StageEditor({ definition, stageId, problems, knownWorkflows, isReadOnly, onChange, onRemove }: StageEditorProps) {
  const { t, language } = useI18n();
  const stage = definition.stages[stageId];
  if (!stage) return null;
  const idBase = `stage-${stageId}`;
  // A control shows the problems at its path or below it, and those about the object that holds it
  // (`deadline` is reported as a whole when its days are negative).
  // With `below`, only those at its path or below it (the problems of the field itself, for a sentence next to it).
  const problemIdsAt = (prefix: string, { below = false }: { below?: boolean } = {}) =>
    problems.flatMap((p, i) => {
      const inside = pathInsideStage(p.path);
      const concerns = inside !== '' && (inside.startsWith(prefix) || (!below && (prefix.startsWith(`${inside}.`) || prefix.startsWith(`${inside}[`))));
      return concerns ? [`${idBase}-problem-${i}`] : [];
    });
  const set = (patch: Partial<StageSpec>) => onChange(compact({ ...stage, ...patch }));
  const names = stageNames(definition.stages, language, (n) => t('workflows.unnamedStage', { n }));
  const stageOptions: Option[] = Object.keys(definition.stages).map((id) => ({ value: id, label: names[id] ?? id }));
  const roleOptions: Option[] = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const disabled = isReadOnly;

  const changeKind = (kind: StageKind) => {
    const next: StageSpec = { kind, name: stage.name };
    if (kind === 'task') Object.assign(next, { actor: stage.actor ?? { role: 'officer', unit: { kind: 'own' } }, transitions: stage.transitions ?? [], fields: stage.fields, deadline: stage.deadline });
    if (kind === 'vote')
      Object.assign(next, {
        vote: stage.vote ?? { voters: { role: 'council_member', unit: { kind: 'ancestor_of_kind', unitKind: 'province_federation', includeSelf: true } }, quorum: 2 / 3, passRatio: 0.5, ballot: 'secret', tie: 'fail' },
        outcomes: stage.outcomes ?? { passed: '', failed: '', no_quorum: '' },
        deadline: stage.deadline,
      });
    if (kind === 'fanout')
      Object.assign(next, {
        fanout: stage.fanout ?? { childWorkflow: knownWorkflows[0] ?? '', children: { kind: 'children_of_kind' }, join: { kind: 'all' }, onJoin: 'leave_open', lateSubmissions: true, movedOut: 'cancel', next: '' },
        transitions: stage.transitions,
        deadline: stage.deadline,
      });
    if (kind === 'wait') Object.assign(next, { wait: stage.wait ?? { days: 7, calendar: 'calendar', target: '' } });
    if (kind === 'final') Object.assign(next, { outcome: stage.outcome ?? 'completed' });
    onChange(compact(next));
  };

  return (
    <section className="card wf-stage-editor" aria-labelledby={`${idBase}-title`}>
      <div className="wf-stage-editor__head">
        <h2 id={`${idBase}-title`}>
          {t('workflows.stageTitle', { name: stage.name.vi || stageId })} <code className="wf-code">{stageId}</code>
        </h2>
        {!isReadOnly ? (
          <button type="button" className="button button--secondary button--small" onClick={onRemove}>
            {t('workflows.removeStage')}
          </button>
        ) : null}
      </div>
      {problems.length > 0 ? (
        <div className="alert alert--error wf-stage-problems" role="status">
          <p className="alert__title">{t('workflows.stageProblems', { count: problems.length })}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.path}:${p.code}:${i}`} id={`${idBase}-problem-${i}`}>
                <ProblemText problem={p} showStagePath />
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="wf-ok" role="status">
          ✓ {t('workflows.stageValid')}
        </p>
      )}

      <Fieldset legend={t('workflows.section.general')}>
        <TextInput id={`${idBase}-name-vi`} label={t('workflows.nameVi')} lang="vi" value={stage.name.vi} isDisabled={disabled} problemIds={problemIdsAt('name')} onChange={(vi) => set({ name: { ...stage.name, vi } })} />
        <TextInput id={`${idBase}-name-en`} label={t('workflows.nameEn')} lang="en" value={stage.name.en ?? ''} isDisabled={disabled} onChange={(en) => set({ name: compact({ ...stage.name, en: en || undefined }) })} />
        <SelectInput id={`${idBase}-kind`} label={t('workflows.stageKind')} value={stage.kind} isDisabled={disabled} problemIds={problemIdsAt('kind')} options={STAGE_KINDS.map((k) => ({ value: k, label: t(`workflows.kind.${k}`) }))} onChange={(k) => changeKind(k as StageKind)} />
        {stage.kind === 'final' ? (
          <SelectInput id={`${idBase}-outcome`} label={t('workflows.outcome')} value={stage.outcome ?? 'completed'} isDisabled={disabled} problemIds={problemIdsAt('outcome')} options={OUTCOMES.map((o) => ({ value: o, label: t(`workflows.outcomeValue.${o}`) }))} onChange={(o) => set({ outcome: o as StageSpec['outcome'] })} />
        ) : null}
      </Fieldset>

      {stage.kind === 'task' ? (
        <Fieldset legend={t('workflows.section.actor')}>
          <SelectInput id={`${idBase}-actor-role`} label={t('workflows.role')} value={stage.actor?.role ?? 'officer'} isDisabled={disabled} problemIds={problemIdsAt('actor.role')} options={roleOptions} onChange={(role) => set({ actor: { unit: { kind: 'own' }, ...stage.actor, role: role as Role } })} />
          <UnitSelectorInputs idBase={`${idBase}-actor-unit`} label={t('workflows.actorUnit')} value={stage.actor?.unit ?? { kind: 'own' }} isDisabled={disabled} problemIds={problemIdsAt('actor.unit')} onChange={(unit) => set({ actor: { role: 'officer', ...stage.actor, unit } })} />
          <AssignmentInputs idBase={`${idBase}-assignment`} value={stage.actor?.assignment} stageOptions={stageOptions.filter((o) => o.value !== stageId)} isDisabled={disabled} problemIds={problemIdsAt('actor.assignment')} problemIdsAt={problemIdsAt} onChange={(assignment) => set({ actor: compact({ role: 'officer' as Role, unit: { kind: 'own' } as UnitSelector, ...stage.actor, assignment }) })} />
          <StartInputs idBase={`${idBase}-start`} actor={stage.actor} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(patch) => set({ actor: compact({ role: 'officer' as Role, unit: { kind: 'own' } as UnitSelector, ...stage.actor, ...patch }) })} />
        </Fieldset>
      ) : null}

      {stage.kind === 'task' ? (
        <Fieldset legend={t('workflows.section.duties')}>
          <p className="wf-hint">{t('workflows.distinctFromHint')}</p>
          {stageOptions
            .filter((o) => o.value !== stageId && definition.stages[o.value]?.kind === 'task')
            .map((o) => (
              <CheckboxInput key={o.value} id={`${idBase}-distinct-${o.value}`} label={t('workflows.distinctFrom', { stage: o.label })} checked={(stage.distinctFrom ?? []).includes(o.value)} isDisabled={disabled} onChange={(on) => onChange(withDistinctFrom(stage, o.value, on))} />
            ))}
          {/* A keyboard-reachable scroll box (WCAG 2.1.1): the matrix scrolls in it on a narrow screen, not the page. */}
          <div className="wf-scroll" role="region" tabIndex={0} aria-labelledby={`${idBase}-privileges-hint`}>
          <table className="wf-privileges" aria-describedby={`${idBase}-privileges-hint`}>
            <caption id={`${idBase}-privileges-hint`}>{t('workflows.privilegesHint')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('workflows.privilege')}</th>
                {ROLES.map((r) => (
                  <th key={r} scope="col">
                    {t(`role.${r}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PRIVILEGES.map((p) => {
                const holders = stagePrivilegeRoles(definition, stageId, p);
                const inherited = stagePrivilegeRoles({ ...definition, stages: {} }, stageId, p);
                return (
                  <tr key={p}>
                    <th scope="row">{t(`workflows.privilegeName.${p}`)}</th>
                    {ROLES.map((r) => (
                      <td key={r}>
                        <input type="checkbox" aria-label={`${t(`workflows.privilegeName.${p}`)} – ${t(`role.${r}`)}`} checked={holders.includes(r)} disabled={disabled} onChange={(e) => onChange(withStagePrivilege(stage, p, r, e.target.checked, inherited))} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        </Fieldset>
      ) : null}

      {stage.kind === 'task' ? (
        <HeldVisibilityInputs idBase={`${idBase}-visibility`} value={stage.visibility} inherited={heldVisibilityAt({ ...definition, stages: {} }, stageId)} isDisabled={disabled} onChange={(visibility) => set({ visibility })} />
      ) : null}
      <HelpInputs idBase={`${idBase}-help`} stageKind={stage.kind} value={stage.help} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(help) => set({ help })} />

      <OfferingInputs idBase={`${idBase}-offering`} stage={stage} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(offering) => set({ offering })} />

      {stage.kind === 'task' || stage.kind === 'vote' || stage.kind === 'fanout' ? (
        <DeadlineInputs idBase={`${idBase}-deadline`} value={stage.deadline} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(deadline) => set({ deadline })} />
      ) : null}

      {stage.kind === 'task' ? (
        <FieldsInputs idBase={`${idBase}-fields`} value={stage.fields ?? []} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(fields) => set({ fields: fields.length ? fields : undefined })} />
      ) : null}

      {stage.kind === 'vote' && stage.vote ? (
        <VoteInputs idBase={`${idBase}-vote`} value={stage.vote} outcomes={stage.outcomes ?? { passed: '', failed: '', no_quorum: '' }} stageOptions={stageOptions} roleOptions={roleOptions} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(vote, outcomes) => set({ vote, outcomes })} />
      ) : null}

      {stage.kind === 'fanout' && stage.fanout ? (
        <FanoutInputs idBase={`${idBase}-fanout`} value={stage.fanout} stageOptions={stageOptions} knownWorkflows={knownWorkflows} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(fanout) => set({ fanout })} />
      ) : null}

      {stage.kind === 'wait' && stage.wait ? (
        <WaitInputs idBase={`${idBase}-wait`} value={stage.wait} stageOptions={stageOptions} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(wait) => set({ wait })} />
      ) : null}

      {stage.kind !== 'final' ? (
        <TransitionsInputs idBase={`${idBase}-transitions`} value={stage.transitions ?? []} fields={[...(definition.dataFields ?? []), ...Object.values(definition.stages).flatMap((st) => st.fields ?? [])]} stageOptions={stageOptions} isDisabled={disabled} problemIdsAt={problemIdsAt} onChange={(transitions) => set({ transitions })} />
      ) : null}
    </section>
  );
}

// ---------- unit selector and assignment ----------

export function UnitSelectorInputs({ idBase, label, value, isDisabled, problemIds, onChange }: { idBase: string; label: string; value: UnitSelector; isDisabled: boolean; problemIds?: readonly string[]; onChange: (u: UnitSelector) => void }) {
  const t = useT();
  const changeKind = (kind: string) => {
    if (kind === 'own' || kind === 'parent') onChange({ kind });
    if (kind === 'ancestor_of_kind') onChange({ kind, unitKind: 'upper_union' });
    if (kind === 'fixed') onChange({ kind, unitCode: '' });
    if (kind === 'from_data') onChange({ kind, field: '' });
  };
  return (
    <>
      <SelectInput id={`${idBase}-kind`} label={label} value={value.kind} isDisabled={isDisabled} problemIds={problemIds} options={UNIT_SELECTOR_KINDS.map((k) => ({ value: k, label: t(`workflows.unitSelector.${k}`) }))} onChange={changeKind} />
      {value.kind === 'ancestor_of_kind' ? (
        <>
          <SelectInput id={`${idBase}-unit-kind`} label={t('workflows.unitKind')} value={value.unitKind} isDisabled={isDisabled} options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} onChange={(unitKind) => onChange({ ...value, unitKind })} />
          <CheckboxInput id={`${idBase}-include-self`} label={t('workflows.includeSelf')} checked={value.includeSelf ?? false} isDisabled={isDisabled} onChange={(includeSelf) => onChange(compact({ ...value, includeSelf: includeSelf || undefined }))} />
        </>
      ) : null}
      {value.kind === 'fixed' ? <TextInput id={`${idBase}-code`} label={t('workflows.unitCode')} value={value.unitCode} isDisabled={isDisabled} onChange={(unitCode) => onChange({ ...value, unitCode })} /> : null}
      {value.kind === 'from_data' ? <TextInput id={`${idBase}-field`} label={t('workflows.dataField')} value={value.field} isDisabled={isDisabled} onChange={(field) => onChange({ ...value, field })} /> : null}
    </>
  );
}

function AssignmentInputs({ idBase, value, stageOptions, isDisabled, problemIds, problemIdsAt, onChange }: { idBase: string; value: Assignment | undefined; stageOptions: Option[]; isDisabled: boolean; problemIds: readonly string[]; problemIdsAt: ProblemIdsAt; onChange: (a: Assignment | undefined) => void }) {
  const t = useT();
  const mode = value?.mode ?? 'offer';
  const person = value?.mode === 'direct' ? value.person : null;
  return (
    <>
      <SelectInput
        id={`${idBase}-mode`}
        label={t('workflows.assignmentMode')}
        value={mode}
        isDisabled={isDisabled}
        problemIds={problemIds}
        hint={mode === 'offer' ? t('workflows.assignmentOfferHint') : mode === 'direct' ? t('workflows.assignmentDirectHint') : t(`workflows.assignment.${mode}.hint`)}
        options={[
          { value: 'offer', label: t('workflows.assignment.offer') },
          { value: 'direct', label: t('workflows.assignment.direct') },
          { value: 'allocate', label: t('workflows.assignment.allocate') },
          { value: 'role_from_data', label: t('workflows.assignment.role_from_data') },
        ]}
        onChange={(m) => onChange(m === 'offer' ? undefined : m === 'allocate' ? { mode: 'allocate', strategy: 'round_robin' } : m === 'role_from_data' ? { mode: 'role_from_data', field: '' } : { mode: 'direct', person: { kind: 'submitter' } })}
      />
      {value?.mode === 'allocate' ? <AllocateFields idBase={idBase} value={value} isDisabled={isDisabled} problemIdsAt={problemIdsAt} onChange={onChange} /> : null}
      {value?.mode === 'role_from_data' ? <TextInput id={`${idBase}-role-field`} label={t('workflows.roleField')} value={value.field} isDisabled={isDisabled} problemIds={problemIdsAt('actor.assignment.field')} onChange={(field) => onChange({ mode: 'role_from_data', field })} /> : null}
      {person ? (
        <>
          <SelectInput
            id={`${idBase}-person`}
            label={t('workflows.directPerson')}
            value={person.kind}
            isDisabled={isDisabled}
            options={(['submitter', 'same_as_stage', 'from_data'] as const).map((k) => ({ value: k, label: t(`workflows.person.${k}`) }))}
            onChange={(k) =>
              onChange({ mode: 'direct', person: k === 'submitter' ? { kind: 'submitter' } : k === 'same_as_stage' ? { kind: 'same_as_stage', stage: stageOptions[0]?.value ?? '' } : { kind: 'from_data', field: '' } })
            }
          />
          {person.kind === 'same_as_stage' ? <SelectInput id={`${idBase}-person-stage`} label={t('workflows.sameAsStage')} value={person.stage} isDisabled={isDisabled} options={stageOptions} onChange={(stage) => onChange({ mode: 'direct', person: { kind: 'same_as_stage', stage } })} /> : null}
          {person.kind === 'from_data' ? <TextInput id={`${idBase}-person-field`} label={t('workflows.dataField')} value={person.field} isDisabled={isDisabled} onChange={(field) => onChange({ mode: 'direct', person: { kind: 'from_data', field } })} /> : null}
        </>
      ) : null}
    </>
  );
}

// ---------- deadline ----------

const DEFAULT_ESCALATION_TARGET: EscalationTarget = { role: 'supervisor', unit: { kind: 'ancestor_of_kind', unitKind: 'province_federation' } };

/** A step's action; only a `reassign` step names whom it hands the work to. */
function withEscalationAction(step: EscalationSpec, action: EscalationSpec['action']): EscalationSpec {
  const { to, ...rest } = step;
  return action === 'reassign' ? { ...rest, action, to: to ?? DEFAULT_ESCALATION_TARGET } : { ...rest, action };
}

/** Whom a reassign step hands the work to: a role at a unit, the chair of a unit, or a named person (by username). */
function EscalationTargetInputs({ idBase, value, isDisabled, problemIds, onChange }: { idBase: string; value: EscalationTarget; isDisabled: boolean; problemIds: readonly string[]; onChange: (to: EscalationTarget) => void }) {
  const t = useT();
  const kind = 'chairOf' in value ? 'chair' : 'person' in value ? 'person' : 'role';
  const roleOptions: Option[] = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const changeKind = (k: string) => {
    if (k === 'role') onChange(DEFAULT_ESCALATION_TARGET);
    if (k === 'chair') onChange({ chairOf: { kind: 'ancestor_of_kind', unitKind: 'province_federation' } });
    if (k === 'person') onChange({ person: { username: '' } });
  };
  return (
    <>
      <SelectInput
        id={`${idBase}-kind`}
        label={t('workflows.escalationTo')}
        value={kind}
        isDisabled={isDisabled}
        problemIds={problemIds}
        options={(['role', 'chair', 'person'] as const).map((k) => ({ value: k, label: t(`workflows.escalationTo.${k}`) }))}
        onChange={changeKind}
      />
      {'chairOf' in value ? (
        <UnitSelectorInputs idBase={`${idBase}-chair`} label={t('workflows.escalationChairOf')} value={value.chairOf} isDisabled={isDisabled} onChange={(chairOf) => onChange({ ...value, chairOf })} />
      ) : 'person' in value ? (
        <TextInput id={`${idBase}-username`} label={t('workflows.escalationUsername')} value={value.person.username} isDisabled={isDisabled} problemIds={problemIds} onChange={(username) => onChange({ ...value, person: { username: username.trim() } })} />
      ) : (
        <>
          <SelectInput id={`${idBase}-role`} label={t('workflows.role')} value={value.role} isDisabled={isDisabled} options={roleOptions} onChange={(role) => onChange({ ...value, role: role as Role })} />
          <UnitSelectorInputs idBase={`${idBase}-unit`} label={t('workflows.escalationUnit')} value={value.unit} isDisabled={isDisabled} onChange={(unit) => onChange({ ...value, unit })} />
        </>
      )}
    </>
  );
}

type ProblemIdsAt = (prefix: string, opts?: { below?: boolean }) => string[];

function DeadlineInputs({ idBase, value, isDisabled, problemIdsAt, onChange }: { idBase: string; value: DeadlineSpec | undefined; isDisabled: boolean; problemIdsAt: ProblemIdsAt; onChange: (d: DeadlineSpec | undefined) => void }) {
  const t = useT();
  const escalations = value?.escalations ?? [];
  const remindersText = (value?.reminders ?? []).join(', ');
  return (
    <Fieldset legend={t('workflows.section.deadline')}>
      <CheckboxInput id={`${idBase}-enabled`} label={t('workflows.hasDeadline')} checked={!!value} isDisabled={isDisabled} onChange={(on) => onChange(on ? { days: 10, calendar: 'working' } : undefined)} />
      {value ? (
        <>
          <NumberInput id={`${idBase}-days`} label={t('workflows.deadlineDays')} value={value.days} min={0} isDisabled={isDisabled} problemIds={problemIdsAt('deadline.days')} onChange={(days) => onChange({ ...value, days: days ?? 0 })} />
          <SelectInput
            id={`${idBase}-calendar`}
            label={t('workflows.calendar')}
            value={value.calendar}
            isDisabled={isDisabled}
            problemIds={problemIdsAt('deadline.calendar')}
            options={[
              { value: 'working', label: t('workflows.calendar.working') },
              { value: 'calendar', label: t('workflows.calendar.calendar') },
            ]}
            onChange={(calendar) => onChange({ ...value, calendar: calendar as DeadlineSpec['calendar'] })}
          />
          <ReminderInput key={idBase} id={`${idBase}-reminders`} initial={remindersText} isDisabled={isDisabled} problemIds={problemIdsAt('deadline.reminders')} onChange={(reminders) => onChange(compact({ ...value, reminders: reminders.length ? reminders : undefined }))} />
          <div className="wf-subgrid">
            <p className="wf-subgrid__title">{t('workflows.escalations')}</p>
            {escalations.length === 0 ? <p className="muted">{t('workflows.noEscalations')}</p> : null}
            {escalations.map((e, i) => (
              <div className="wf-row" key={i}>
                <NumberInput id={`${idBase}-esc-${i}-days`} label={t('workflows.escalationAfter')} value={e.afterDays} min={0} isDisabled={isDisabled} problemIds={problemIdsAt(`deadline.escalations[${i}]`)} onChange={(afterDays) => onChange({ ...value, escalations: escalations.map((x, j) => (j === i ? { ...x, afterDays: afterDays ?? 0 } : x)) })} />
                <SelectInput
                  id={`${idBase}-esc-${i}-action`}
                  label={t('workflows.escalationAction')}
                  value={e.action}
                  isDisabled={isDisabled}
                  problemIds={problemIdsAt(`deadline.escalations[${i}].action`)}
                  options={ESCALATION_ACTIONS.map((a) => ({ value: a, label: t(`workflows.escalation.${a}`) }))}
                  onChange={(action) => onChange({ ...value, escalations: escalations.map((x, j) => (j === i ? withEscalationAction(x, action as EscalationSpec['action']) : x)) })}
                />
                {e.action === 'reassign' ? (
                  <EscalationTargetInputs idBase={`${idBase}-esc-${i}-to`} value={e.to ?? DEFAULT_ESCALATION_TARGET} isDisabled={isDisabled} problemIds={problemIdsAt(`deadline.escalations[${i}].to`)} onChange={(to) => onChange({ ...value, escalations: escalations.map((x, j) => (j === i ? { ...x, to } : x)) })} />
                ) : null}
                {!isDisabled ? (
                  <RemoveButton label={t('workflows.removeEscalation', { n: i + 1 })} onClick={() => onChange(compact({ ...value, escalations: escalations.length > 1 ? escalations.filter((_, j) => j !== i) : undefined }))} />
                ) : null}
              </div>
            ))}
            {!isDisabled ? (
              <button type="button" className="button button--secondary button--small" onClick={() => onChange({ ...value, escalations: [...escalations, { afterDays: 0, action: 'notify' }] })}>
                {t('workflows.addEscalation')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </Fieldset>
  );
}

/** Reminders as typed text ("3, 1"), committed when it reads as a list of days; otherwise says why. */
function ReminderInput({ id, initial, isDisabled, problemIds, onChange }: { id: string; initial: string; isDisabled: boolean; problemIds: string[]; onChange: (days: number[]) => void }) {
  const t = useT();
  return (
    <ReminderField id={id} initial={initial} label={t('workflows.reminders')} hint={t('workflows.remindersHint')} invalidText={t('workflows.remindersInvalid')} isDisabled={isDisabled} problemIds={problemIds} onChange={onChange} />
  );
}

function ReminderField({ id, initial, label, hint, invalidText, isDisabled, problemIds, onChange }: { id: string; initial: string; label: string; hint: string; invalidText: string; isDisabled: boolean; problemIds: string[]; onChange: (days: number[]) => void }) {
  const [text, setText] = useState(initial);
  const parsed = parseDayList(text);
  const ids = [...problemIds, ...(parsed ? [] : [`${id}-invalid`])];
  return (
    <div>
      <TextInput
        id={id}
        label={label}
        hint={hint}
        value={text}
        isDisabled={isDisabled}
        problemIds={ids}
        onChange={(v) => {
          setText(v);
          const days = parseDayList(v);
          if (days) onChange(days);
        }}
      />
      {!parsed ? (
        <p id={`${id}-invalid`} className="field__error">
          {invalidText}
        </p>
      ) : null}
    </div>
  );
}

// ---------- fields ----------

function FieldsInputs({ idBase, value, isDisabled, problemIdsAt, onChange }: { idBase: string; value: FieldSpec[]; isDisabled: boolean; problemIdsAt: ProblemIdsAt; onChange: (f: FieldSpec[]) => void }) {
  const t = useT();
  const update = (i: number, patch: Partial<FieldSpec>) => onChange(value.map((f, j) => (j === i ? compact({ ...f, ...patch }) : f)));
  return (
    <Fieldset legend={t('workflows.section.fields')}>
      {value.length === 0 ? <p className="muted">{t('workflows.noFields')}</p> : null}
      {value.map((f, i) => (
        <div className="wf-row" key={i}>
          <TextInput id={`${idBase}-${i}-name`} label={t('workflows.fieldName')} value={f.name} isDisabled={isDisabled} problemIds={problemIdsAt(`fields[${i}]`)} onChange={(name) => update(i, { name })} />
          <TextInput id={`${idBase}-${i}-label`} label={t('workflows.fieldLabel')} value={f.label?.vi ?? ''} isDisabled={isDisabled} onChange={(vi) => update(i, { label: vi ? { ...f.label, vi } : undefined })} />
          <SelectInput id={`${idBase}-${i}-type`} label={t('workflows.fieldType')} value={f.type} isDisabled={isDisabled} options={FIELD_TYPES.map((ft) => ({ value: ft, label: t(`workflows.fieldType.${ft}`) }))} onChange={(type) => update(i, { type: type as FieldType, values: type === 'enum' ? (f.values ?? []) : undefined })} />
          {f.type === 'enum' ? (
            <TextInput id={`${idBase}-${i}-values`} label={t('workflows.enumValues')} value={(f.values ?? []).join(', ')} isDisabled={isDisabled} onChange={(v) => update(i, { values: v.split(',').map((x) => x.trim()).filter(Boolean) })} />
          ) : null}
          <CheckboxInput id={`${idBase}-${i}-required`} label={t('workflows.fieldRequired')} checked={f.required ?? false} isDisabled={isDisabled} onChange={(required) => update(i, { required: required || undefined })} />
          {!isDisabled ? <RemoveButton label={t('workflows.removeField', { name: f.name || String(i + 1) })} onClick={() => onChange(value.filter((_, j) => j !== i))} /> : null}
        </div>
      ))}
      {!isDisabled ? (
        <button type="button" className="button button--secondary button--small" onClick={() => onChange([...value, { name: '', type: 'string', required: true }])}>
          {t('workflows.addField')}
        </button>
      ) : null}
    </Fieldset>
  );
}

// ---------- vote ----------

function VoteInputs({ idBase, value, outcomes, stageOptions, roleOptions, isDisabled, problemIdsAt, onChange }: { idBase: string; value: VoteSpec; outcomes: NonNullable<StageSpec['outcomes']>; stageOptions: Option[]; roleOptions: Option[]; isDisabled: boolean; problemIdsAt: ProblemIdsAt; onChange: (v: VoteSpec, o: NonNullable<StageSpec['outcomes']>) => void }) {
  const t = useT();
  const setVote = (patch: Partial<VoteSpec>) => onChange(compact({ ...value, ...patch }), outcomes);
  const withBlank = [{ value: '', label: t('workflows.chooseStage') }, ...stageOptions];
  return (
    <Fieldset legend={t('workflows.section.vote')}>
      <SelectInput id={`${idBase}-role`} label={t('workflows.voterRole')} value={value.voters.role} isDisabled={isDisabled} problemIds={problemIdsAt('vote.voters')} options={roleOptions} onChange={(role) => setVote({ voters: { ...value.voters, role: role as Role } })} />
      <UnitSelectorInputs idBase={`${idBase}-unit`} label={t('workflows.voterUnit')} value={value.voters.unit} isDisabled={isDisabled} onChange={(unit) => setVote({ voters: { ...value.voters, unit } })} />
      <NumberInput id={`${idBase}-quorum`} label={t('workflows.quorum')} hint={t('workflows.ratioHint')} value={value.quorum} min={0} max={1} step={0.01} isDisabled={isDisabled} problemIds={problemIdsAt('vote.quorum')} onChange={(quorum) => setVote({ quorum: quorum ?? 0 })} />
      <NumberInput id={`${idBase}-pass`} label={t('workflows.passRatio')} hint={t('workflows.ratioHint')} value={value.passRatio} min={0} max={1} step={0.01} isDisabled={isDisabled} problemIds={problemIdsAt('vote.passRatio')} onChange={(passRatio) => setVote({ passRatio: passRatio ?? 0 })} />
      <SelectInput id={`${idBase}-basis`} label={t('workflows.passBasis')} value={value.passBasis ?? 'cast'} isDisabled={isDisabled} options={[{ value: 'cast', label: t('workflows.passBasis.cast') }, { value: 'eligible', label: t('workflows.passBasis.eligible') }]} onChange={(b) => setVote({ passBasis: b as VoteSpec['passBasis'] })} />
      <SelectInput id={`${idBase}-ballot`} label={t('workflows.ballot')} value={value.ballot} isDisabled={isDisabled} options={[{ value: 'secret', label: t('workflows.ballot.secret') }, { value: 'open', label: t('workflows.ballot.open') }]} onChange={(ballot) => setVote({ ballot: ballot as VoteSpec['ballot'] })} />
      <SelectInput id={`${idBase}-tie`} label={t('workflows.tie')} value={value.tie} isDisabled={isDisabled} options={(['fail', 'pass', 'chair_decides'] as const).map((x) => ({ value: x, label: t(`workflows.tie.${x}`) }))} onChange={(tie) => setVote({ tie: tie as VoteSpec['tie'] })} />
      {(['passed', 'failed', 'no_quorum'] as const).map((o) => (
        <SelectInput key={o} id={`${idBase}-outcome-${o}`} label={t(`workflows.voteOutcome.${o}`)} value={outcomes[o]} isDisabled={isDisabled} problemIds={problemIdsAt(`outcomes.${o}`)} options={withBlank} onChange={(target) => onChange(value, { ...outcomes, [o]: target })} />
      ))}
    </Fieldset>
  );
}

// ---------- fan-out ----------

function FanoutInputs({ idBase, value, stageOptions, knownWorkflows, isDisabled, problemIdsAt, onChange }: { idBase: string; value: FanoutSpec; stageOptions: Option[]; knownWorkflows: readonly string[]; isDisabled: boolean; problemIdsAt: ProblemIdsAt; onChange: (f: FanoutSpec) => void }) {
  const t = useT();
  const set = (patch: Partial<FanoutSpec>) => onChange(compact({ ...value, ...patch }));
  const workflows = [...new Set([...knownWorkflows, value.childWorkflow].filter(Boolean))];
  const childKind = value.children.unitKind ?? '';
  return (
    <Fieldset legend={t('workflows.section.fanout')}>
      <SelectInput id={`${idBase}-child`} label={t('workflows.childWorkflow')} value={value.childWorkflow} isDisabled={isDisabled} problemIds={problemIdsAt('fanout.childWorkflow')} options={workflows.map((w) => ({ value: w, label: w }))} onChange={(childWorkflow) => set({ childWorkflow })} />
      <UnitSelectorInputs idBase={`${idBase}-root`} label={t('workflows.fanoutRoot')} value={value.root ?? { kind: 'own' }} isDisabled={isDisabled} onChange={(root) => set({ root: root.kind === 'own' ? undefined : root })} />
      <SelectInput
        id={`${idBase}-children`}
        label={t('workflows.childrenSelector')}
        value={value.children.kind}
        isDisabled={isDisabled}
        problemIds={problemIdsAt('fanout.children')}
        options={[
          { value: 'children_of_kind', label: t('workflows.children.children_of_kind') },
          { value: 'descendants_of_kind', label: t('workflows.children.descendants_of_kind') },
        ]}
        onChange={(kind) => set({ children: kind === 'descendants_of_kind' ? { kind, unitKind: childKind || 'grassroots_union' } : compact({ kind: 'children_of_kind' as const, unitKind: childKind || undefined }) })}
      />
      <SelectInput
        id={`${idBase}-children-kind`}
        label={t('workflows.unitKind')}
        value={childKind}
        isDisabled={isDisabled}
        options={[...(value.children.kind === 'children_of_kind' ? [{ value: '', label: t('workflows.anyUnitKind') }] : []), ...UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))]}
        onChange={(unitKind) => set({ children: (value.children.kind === 'descendants_of_kind' ? { kind: 'descendants_of_kind', unitKind } : compact({ kind: 'children_of_kind', unitKind: unitKind || undefined })) as ChildSelector })}
      />
      <SelectInput
        id={`${idBase}-join`}
        label={t('workflows.join')}
        value={value.join.kind}
        isDisabled={isDisabled}
        problemIds={problemIdsAt('fanout.join')}
        options={(['all', 'count', 'share'] as const).map((k) => ({ value: k, label: t(`workflows.join.${k}`) }))}
        onChange={(kind) => set({ join: kind === 'count' ? { kind, n: 1 } : kind === 'share' ? { kind, share: 0.8 } : { kind: 'all' } })}
      />
      {value.join.kind === 'count' ? <NumberInput id={`${idBase}-join-n`} label={t('workflows.joinCount')} value={value.join.n} min={1} isDisabled={isDisabled} onChange={(n) => set({ join: { kind: 'count', n: n ?? 1 } })} /> : null}
      {value.join.kind === 'share' ? <NumberInput id={`${idBase}-join-share`} label={t('workflows.joinShare')} hint={t('workflows.ratioHint')} value={value.join.share} min={0} max={1} step={0.01} isDisabled={isDisabled} onChange={(share) => set({ join: { kind: 'share', share: share ?? 0 } })} /> : null}
      <SelectInput id={`${idBase}-onjoin`} label={t('workflows.onJoin')} value={value.onJoin} isDisabled={isDisabled} options={(['leave_open', 'close_remaining', 'cancel_remaining'] as const).map((k) => ({ value: k, label: t(`workflows.onJoin.${k}`) }))} onChange={(onJoin) => set({ onJoin: onJoin as FanoutSpec['onJoin'] })} />
      <CheckboxInput id={`${idBase}-late`} label={t('workflows.lateSubmissions')} checked={value.lateSubmissions} isDisabled={isDisabled} onChange={(lateSubmissions) => set({ lateSubmissions })} />
      <SelectInput id={`${idBase}-moved`} label={t('workflows.movedOut')} value={value.movedOut} isDisabled={isDisabled} options={(['cancel', 'carry_over'] as const).map((k) => ({ value: k, label: t(`workflows.movedOut.${k}`) }))} onChange={(movedOut) => set({ movedOut: movedOut as FanoutSpec['movedOut'] })} />
      <SelectInput id={`${idBase}-next`} label={t('workflows.fanoutNext')} value={value.next} isDisabled={isDisabled} problemIds={problemIdsAt('fanout.next')} options={[{ value: '', label: t('workflows.chooseStage') }, ...stageOptions]} onChange={(next) => set({ next })} />
    </Fieldset>
  );
}

function WaitInputs({ idBase, value, stageOptions, isDisabled, problemIdsAt, onChange }: { idBase: string; value: WaitSpec; stageOptions: Option[]; isDisabled: boolean; problemIdsAt: ProblemIdsAt; onChange: (w: WaitSpec) => void }) {
  const t = useT();
  return (
    <Fieldset legend={t('workflows.section.wait')}>
      <NumberInput id={`${idBase}-days`} label={t('workflows.deadlineDays')} value={value.days} min={0} isDisabled={isDisabled} problemIds={problemIdsAt('wait.days')} onChange={(days) => onChange({ ...value, days: days ?? 0 })} />
      <SelectInput id={`${idBase}-calendar`} label={t('workflows.calendar')} value={value.calendar} isDisabled={isDisabled} options={[{ value: 'working', label: t('workflows.calendar.working') }, { value: 'calendar', label: t('workflows.calendar.calendar') }]} onChange={(calendar) => onChange({ ...value, calendar: calendar as WaitSpec['calendar'] })} />
      <SelectInput id={`${idBase}-target`} label={t('workflows.waitTarget')} value={value.target} isDisabled={isDisabled} problemIds={problemIdsAt('wait.target')} options={[{ value: '', label: t('workflows.chooseStage') }, ...stageOptions]} onChange={(target) => onChange({ ...value, target })} />
    </Fieldset>
  );
}

// ---------- transitions ----------

function TransitionsInputs({ idBase, value, fields, stageOptions, isDisabled, problemIdsAt, onChange }: { idBase: string; value: TransitionSpec[]; fields: readonly FieldSpec[]; stageOptions: Option[]; isDisabled: boolean; problemIdsAt: ProblemIdsAt; onChange: (tr: TransitionSpec[]) => void }) {
  const { t, language } = useI18n();
  const update = (i: number, patch: Partial<TransitionSpec>) => onChange(value.map((x, j) => (j === i ? compact({ ...x, ...patch }) : x)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    onChange(next);
  };
  return (
    <Fieldset legend={t('workflows.section.transitions')}>
      <p className="wf-hint">{t('workflows.transitionsHint')}</p>
      {value.length === 0 ? <p className="muted">{t('workflows.noTransitions')}</p> : null}
      {value.map((tr, i) => {
        const byValue = typeof tr.by === 'string' ? tr.by : tr.by ? 'role' : 'assignee';
        return (
          <div className="wf-row wf-row--transition" key={i}>
            <SelectInput id={`${idBase}-${i}-on`} label={t('workflows.event')} value={tr.on} isDisabled={isDisabled} problemIds={problemIdsAt(`transitions[${i}].on`)} options={TRANSITION_EVENTS.map((e) => ({ value: e, label: t(`workflows.event.${e}`) }))} onChange={(on) => update(i, { on: on as TransitionEvent })} />
            <SelectInput
              id={`${idBase}-${i}-target`}
              label={t('workflows.target')}
              value={tr.target ?? ''}
              isDisabled={isDisabled}
              problemIds={problemIdsAt(`transitions[${i}]`)}
              options={[{ value: '', label: tr.on === 'return' ? t('workflows.returnToInitial') : t('workflows.chooseStage') }, ...stageOptions]}
              onChange={(target) => update(i, { target: target || undefined })}
            />
            <TextInput id={`${idBase}-${i}-label`} label={t('workflows.transitionLabel')} value={tr.label?.vi ?? ''} isDisabled={isDisabled} onChange={(vi) => update(i, { label: vi ? { ...tr.label, vi } : undefined })} />
            <SelectInput
              id={`${idBase}-${i}-by`}
              label={t('workflows.by')}
              value={byValue}
              isDisabled={isDisabled || byValue === 'role'}
              options={[
                { value: 'assignee', label: t('workflows.by.assignee') },
                { value: 'submitter', label: t('workflows.by.submitter') },
                ...(byValue === 'role' && typeof tr.by === 'object' ? [{ value: 'role', label: t('workflows.by.role', { role: t(`role.${tr.by.role}`), unit: t(`workflows.unitSelector.${tr.by.unit.kind}`) }) }] : []),
              ]}
              onChange={(by) => update(i, { by: by === 'submitter' ? 'submitter' : undefined })}
            />
            {tr.guard ? (
              <p className="wf-guard">
                <span className="wf-guard__label">{t('workflows.guard')}:</span> {guardText(tr.guard, fields, language, t)}
              </p>
            ) : null}
            {!isDisabled ? (
              <div className="wf-row__tools">
                <button type="button" className="button button--secondary button--small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('workflows.moveUp', { n: i + 1 })}>
                  ↑
                </button>
                <button type="button" className="button button--secondary button--small" disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={t('workflows.moveDown', { n: i + 1 })}>
                  ↓
                </button>
                <RemoveButton label={t('workflows.removeTransition', { n: i + 1 })} onClick={() => onChange(value.filter((_, j) => j !== i))} />
              </div>
            ) : null}
          </div>
        );
      })}
      {!isDisabled ? (
        <button type="button" className="button button--secondary button--small" onClick={() => onChange([...value, { on: 'approve', target: '' }])}>
          {t('workflows.addTransition')}
        </button>
      ) : null}
    </Fieldset>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }): ReactNode {
  const t = useT();
  return (
    <button type="button" className="button button--secondary button--small wf-remove" aria-label={label} onClick={onClick}>
      {t('workflows.remove')}
    </button>
  );
}
