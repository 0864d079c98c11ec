import type { StageHelpSpec, StageKind } from '@thidua/workflow-core';
import { useT } from '../../i18n/i18n-context';
import { CheckboxInput, Fieldset, NumberInput } from './form-controls';

/**
 * A task stage's help and co-sign requests (issue 15, line 6): whether the holder may ask colleagues for help, may
 * also ask them to co-sign, and what the stage's forward decision waits for (a minimum of co-signatures, every
 * co-sign request answered). Only task stages have it (shown elsewhere only to remove a stray one). Unticking "allowed" removes the stage's `help`.
 */
export function HelpInputs({ idBase, stageKind, value, isDisabled, problemIdsAt, onChange }: { idBase: string; stageKind: StageKind; value: StageHelpSpec | undefined; isDisabled: boolean; problemIdsAt: (prefix: string, opts?: { below?: boolean }) => string[]; onChange: (h: StageHelpSpec | undefined) => void }) {
  const t = useT();
  if (stageKind !== 'task' && value === undefined) return null;
  const allowed = value?.allowed === true;
  const coSign = value?.coSign;
  const setCoSign = (patch: Partial<NonNullable<StageHelpSpec['coSign']>> | null) => {
    if (patch === null) return onChange({ allowed: true });
    const next = { ...coSign, ...patch };
    if (!next.required) delete next.minimum;
    for (const k of ['required', 'waitForAll'] as const) if (next[k] === false) delete next[k];
    onChange({ allowed: true, coSign: next });
  };
  return (
    <Fieldset legend={t('workflows.help')}>
      <p className="wf-hint">{t('workflows.helpHint')}</p>
      <CheckboxInput id={`${idBase}-allowed`} label={t('workflows.helpAllowed')} checked={allowed} isDisabled={isDisabled} problemIds={problemIdsAt('help')} onChange={(on) => onChange(on ? { allowed: true } : undefined)} />
      {allowed ? (
        <CheckboxInput id={`${idBase}-cosign`} label={t('workflows.helpCoSign')} checked={coSign !== undefined} isDisabled={isDisabled} problemIds={problemIdsAt('help.coSign')} onChange={(on) => setCoSign(on ? {} : null)} />
      ) : null}
      {allowed && coSign ? (
        <>
          <CheckboxInput id={`${idBase}-required`} label={t('workflows.helpCoSignRequired')} checked={coSign.required === true} isDisabled={isDisabled} onChange={(required) => setCoSign({ required })} />
          {coSign.required ? (
            <NumberInput id={`${idBase}-minimum`} label={t('workflows.helpCoSignMinimum')} value={coSign.minimum} min={1} step={1} isDisabled={isDisabled} problemIds={problemIdsAt('help.coSign.minimum')} hint={t('workflows.helpCoSignMinimumHint')} error={problemIdsAt('help.coSign.minimum', { below: true }).length > 0 ? t('workflows.helpCoSignMinimumInvalid') : undefined} onChange={(minimum) => setCoSign({ minimum })} />
          ) : null}
          <CheckboxInput id={`${idBase}-wait-all`} label={t('workflows.helpCoSignWaitForAll')} checked={coSign.waitForAll === true} isDisabled={isDisabled} onChange={(waitForAll) => setCoSign({ waitForAll })} />
        </>
      ) : null}
    </Fieldset>
  );
}
