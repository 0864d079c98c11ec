import { HELD_VISIBILITY_LEVELS, HELD_VISIBILITY_ROLES, type HeldVisibility, type HeldVisibilityLevel } from '@thidua/workflow-core';
import { useT } from '../../i18n/i18n-context';
import { withHeldVisibility } from './definition-model';
import { Fieldset, SelectInput } from './form-controls';

/**
 * Per role, how much it sees of items someone else holds (issue 15, line 3). Empty = inherited: at a stage, the
 * workflow's setting; at the workflow, the default (administrators everything, other roles nothing).
 */
export function HeldVisibilityInputs({ idBase, value, inherited, isDisabled, onChange }: { idBase: string; value: HeldVisibility | undefined; inherited: HeldVisibility; isDisabled: boolean; onChange: (v: HeldVisibility | undefined) => void }) {
  const t = useT();
  return (
    <Fieldset legend={t('workflows.heldVisibility')}>
      <p className="wf-hint">{t('workflows.heldVisibilityHint')}</p>
      {HELD_VISIBILITY_ROLES.map((r) => (
        <SelectInput
          key={r}
          id={`${idBase}-${r}`}
          label={t(`role.${r}`)}
          value={value?.[r] ?? ''}
          isDisabled={isDisabled}
          options={[{ value: '', label: t('workflows.heldVisibility.inherit', { level: t(`workflows.heldVisibility.${inherited[r] ?? 'none'}`) }) }, ...HELD_VISIBILITY_LEVELS.map((l) => ({ value: l, label: t(`workflows.heldVisibility.${l}`) }))]}
          onChange={(level) => onChange(withHeldVisibility(value, r, level as HeldVisibilityLevel | ''))}
        />
      ))}
    </Fieldset>
  );
}
