import { MAX_STAGES_AHEAD, type OfferingSpec, type StageSpec } from '@thidua/workflow-core';
import { useT } from '../../i18n/i18n-context';
import { compact } from './definition-model';
import { CheckboxInput, Fieldset, NumberInput, SelectInput } from './form-controls';

/** The offering with empty parts dropped (no `offering` at all when nothing is set). */
export function tidyOffering(o: OfferingSpec): OfferingSpec | undefined {
  const late = o.late ? compact(o.late) : undefined;
  const out = compact({ early: o.early ? compact(o.early) : undefined, late: late && Object.keys(late).length > 0 ? late : undefined });
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * A task stage's offering (issue 15, line 6; docs/workflow-definitions.md "Offering"): early (its people see the item
 * as upcoming and may commit, from up to n stages before), late (shown after a delay in days, and/or only to people
 * holding fewer open items than a limit).
 */
export function OfferingInputs({ idBase, stage, isDisabled, problemIdsAt, onChange }: { idBase: string; stage: StageSpec; isDisabled: boolean; problemIdsAt: (prefix: string, opts?: { below?: boolean }) => string[]; onChange: (offering: OfferingSpec | undefined) => void }) {
  const t = useT();
  if (stage.kind !== 'task' || stage.actor?.assignment?.mode === 'direct') return null;
  const o = stage.offering ?? {};
  const after = o.late?.after;
  const set = (patch: Partial<OfferingSpec>) => onChange(tidyOffering({ ...o, ...patch }));
  const setLate = (patch: Partial<NonNullable<OfferingSpec['late']>>) => set({ late: { ...o.late, ...patch } });
  return (
    <Fieldset legend={t('workflows.offering')}>
      <p className="wf-hint">{t('workflows.offeringHint')}</p>
      <CheckboxInput id={`${idBase}-early`} label={t('workflows.offering.early')} checked={o.early !== undefined} isDisabled={isDisabled} onChange={(on) => set({ early: on ? {} : undefined })} />
      {o.early !== undefined ? (
        <NumberInput
          id={`${idBase}-ahead`}
          label={t('workflows.offering.stagesAhead')}
          hint={t('workflows.offering.stagesAheadHint', { max: MAX_STAGES_AHEAD })}
          value={o.early.stagesAhead}
          min={1}
          max={MAX_STAGES_AHEAD}
          step={1}
          isDisabled={isDisabled}
          problemIds={problemIdsAt('offering.early')}
          error={problemIdsAt('offering.early.stagesAhead', { below: true }).length > 0 ? t('workflows.offering.stagesAheadInvalid', { max: MAX_STAGES_AHEAD }) : undefined}
          onChange={(stagesAhead) => set({ early: { stagesAhead } })}
        />
      ) : null}
      <NumberInput
        id={`${idBase}-after`}
        label={t('workflows.offering.afterDays')}
        hint={t('workflows.offering.afterDaysHint')}
        value={after?.days}
        min={0}
        step={0.25}
        isDisabled={isDisabled}
        problemIds={problemIdsAt('offering.late.after')}
        onChange={(days) => setLate({ after: days === undefined || days <= 0 ? undefined : { days, calendar: after?.calendar ?? 'calendar' } })}
      />
      {after ? (
        <SelectInput
          id={`${idBase}-calendar`}
          label={t('workflows.offering.calendar')}
          value={after.calendar}
          isDisabled={isDisabled}
          problemIds={problemIdsAt('offering.late.after.calendar')}
          options={[
            { value: 'calendar', label: t('workflows.calendar.calendar') },
            { value: 'working', label: t('workflows.calendar.working') },
          ]}
          onChange={(calendar) => setLate({ after: { days: after.days, calendar: calendar === 'working' ? 'working' : 'calendar' } })}
        />
      ) : null}
      <NumberInput
        id={`${idBase}-queue`}
        label={t('workflows.offering.whenQueueBelow')}
        hint={t('workflows.offering.whenQueueBelowHint')}
        value={o.late?.whenQueueBelow}
        min={1}
        step={1}
        isDisabled={isDisabled}
        problemIds={problemIdsAt('offering.late.whenQueueBelow')}
        error={problemIdsAt('offering.late.whenQueueBelow', { below: true }).length > 0 ? t('workflows.offering.whenQueueBelowInvalid') : undefined}
        onChange={(whenQueueBelow) => setLate({ whenQueueBelow })}
      />
    </Fieldset>
  );
}
