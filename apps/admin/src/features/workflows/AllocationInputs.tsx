import { ALLOCATION_STRATEGIES, CAPABILITY_THEN, START_MODES, type AllocateAssignment, type AllocationStrategy, type CapabilityThen, type StageActor, type StartMode } from '@thidua/workflow-core';
import { useT } from '../../i18n/i18n-context';
import { compact } from './definition-model';
import { CheckboxInput, SelectInput, TextInput } from './form-controls';

/**
 * Work distribution of a task stage (issue 15, line 6): the allocation strategy (and, for capability, the attribute
 * and how to choose among the capable), the role named in the data, and when the work counts as started / chained.
 */
export function AllocateFields({ idBase, value, isDisabled, problemIdsAt, onChange }: { idBase: string; value: AllocateAssignment; isDisabled: boolean; problemIdsAt: (prefix: string) => string[]; onChange: (a: AllocateAssignment) => void }) {
  const t = useT();
  return (
    <>
      <SelectInput
        id={`${idBase}-strategy`}
        label={t('workflows.allocation.strategy')}
        value={value.strategy}
        isDisabled={isDisabled}
        problemIds={problemIdsAt('actor.assignment.strategy')}
        hint={t(`workflows.allocation.hint.${value.strategy}`)}
        options={ALLOCATION_STRATEGIES.map((s) => ({ value: s, label: t(`workflows.allocation.strategy.${s}`) }))}
        onChange={(s) => onChange(s === 'capability' ? { mode: 'allocate', strategy: 'capability', capability: value.capability ?? '' } : { mode: 'allocate', strategy: s as AllocationStrategy })}
      />
      {value.strategy === 'capability' ? (
        <>
          <TextInput id={`${idBase}-capability`} label={t('workflows.allocation.capability')} value={value.capability ?? ''} isDisabled={isDisabled} problemIds={problemIdsAt('actor.assignment.capability')} onChange={(capability) => onChange({ ...value, capability })} />
          <SelectInput
            id={`${idBase}-then`}
            label={t('workflows.allocation.then')}
            value={value.then ?? 'shortest_queue'}
            isDisabled={isDisabled}
            problemIds={problemIdsAt('actor.assignment.then')}
            options={CAPABILITY_THEN.map((s) => ({ value: s, label: t(`workflows.allocation.strategy.${s}`) }))}
            onChange={(then) => onChange(compact({ ...value, then: then === 'shortest_queue' ? undefined : (then as CapabilityThen) }))}
          />
        </>
      ) : null}
    </>
  );
}

export function StartInputs({ idBase, actor, isDisabled, problemIdsAt, onChange }: { idBase: string; actor: StageActor | undefined; isDisabled: boolean; problemIdsAt: (prefix: string) => string[]; onChange: (patch: Pick<StageActor, 'start' | 'chained'>) => void }) {
  const t = useT();
  return (
    <>
      <SelectInput
        id={`${idBase}-start`}
        label={t('workflows.start')}
        value={actor?.start ?? 'by_holder'}
        isDisabled={isDisabled}
        problemIds={problemIdsAt('actor.start')}
        options={[{ value: 'by_holder', label: t('workflows.start.by_holder') }, ...START_MODES.map((m) => ({ value: m, label: t(`workflows.start.${m}`) }))]}
        onChange={(m) => onChange({ start: m === 'by_holder' ? undefined : (m as StartMode), chained: actor?.chained })}
      />
      <CheckboxInput id={`${idBase}-chained`} label={t('workflows.chained')} checked={actor?.chained ?? false} isDisabled={isDisabled} onChange={(on) => onChange({ start: actor?.start, chained: on || undefined })} />
    </>
  );
}
