import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { NomineeKind } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import { useMe } from '../auth/auth.hooks';
import { groupByUnit } from '../auth/role-label';
import { createNomination, listAwardForms } from '../campaigns/campaigns.api';
import { useCampaigns } from '../campaigns/campaigns.hooks';
import { campaignsKeys } from '../campaigns/campaigns.keys';

type Field = 'nomineeName' | 'achievementSummary' | 'reviewMinutes';

/**
 * The officer's "Đề nghị khen thưởng": a campaign nomination (POST /campaigns/:id/nominations), the one path by which
 * a nomination is made — its work item is created with it and the unit's quota is checked in the same step. On
 * success the nomination's item page opens, where the unit completes and submits it.
 */
export default function NominationPage() {
  const t = useT();
  usePageTitle(t('nomination.title'));
  const navigate = useNavigate();
  const me = useMe();
  const campaigns = useCampaigns({ status: 'launched' });
  const forms = useQuery({ queryKey: [...campaignsKeys.all, 'award-forms'], queryFn: ({ signal }) => listAwardForms(signal), staleTime: Infinity });
  const units = groupByUnit((me.data?.roles ?? []).filter((r) => r.role === 'officer'));
  const [campaignId, setCampaignId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [kind, setKind] = useState<NomineeKind>('individual');
  const [awardForm, setAwardForm] = useState('');
  const [text, setText] = useState<Record<Field | 'nomineePosition', string>>({ nomineeName: '', nomineePosition: '', achievementSummary: '', reviewMinutes: '' });
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const create = useMutation({
    mutationFn: () =>
      createNomination(campaignId || (campaigns.data?.[0]?.id ?? ''), {
        nominatingUnitId: unitId || (units[0]?.unitId ?? ''),
        nomineeKind: kind,
        nomineeName: text.nomineeName.trim(),
        ...(text.nomineePosition.trim() ? { nomineePosition: text.nomineePosition.trim() } : {}),
        awardForm: awardForm || (available[0]?.code ?? ''),
        achievementSummary: text.achievementSummary.trim(),
        reviewMinutes: text.reviewMinutes.trim(),
      }),
    onSuccess: (n) => navigate(`/items/${n.itemId}`),
  });
  const available = (forms.data ?? []).filter((f) => f.nominees.includes(kind));
  if (me.isPending || campaigns.isPending || forms.isPending) return <PageLoading />;
  const err = (f: string) => missing.has(f);
  const textField = (f: Field | 'nomineePosition', multiline = false) => {
    const id = `nom-${f}`;
    const labelKey = ({ nomineeName: 'nomination.nomineeName', nomineePosition: 'nomination.nomineePosition', achievementSummary: 'nomination.achievement', reviewMinutes: 'nomination.minutes' } as const)[f];
    const props = {
      id,
      value: text[f],
      'aria-invalid': err(f) ? true : undefined,
      'aria-describedby': err(f) ? `${id}-error` : undefined,
      onChange: (e: { target: { value: string } }) => setText({ ...text, [f]: e.target.value }),
    };
    return (
      <div className="field">
        <label htmlFor={id}>{t(labelKey)}</label>
        {multiline ? <textarea rows={4} {...props} /> : <input type="text" {...props} />}
        {err(f) ? (
          <p id={`${id}-error`} className="field__error">
            {t('nomination.required')}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nomination.title')}</h1>
      <p className="lead">{t('nomination.lead')}</p>
      {campaigns.isError ? <ErrorAlert error={campaigns.error} /> : null}
      {(campaigns.data ?? []).length === 0 ? (
        <p className="muted">{t('nomination.noCampaign')}</p>
      ) : (
        <form
          className="form card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const gaps = new Set((['nomineeName', 'achievementSummary', 'reviewMinutes'] as const).filter((f) => !text[f].trim()));
            setMissing(gaps);
            if (gaps.size === 0) create.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="nom-campaign">{t('nomination.campaign')}</label>
            <select id="nom-campaign" value={campaignId || campaigns.data?.[0]?.id} onChange={(e) => setCampaignId(e.target.value)}>
              {(campaigns.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="nom-unit">{t('nomination.unit')}</label>
            <select id="nom-unit" value={unitId || units[0]?.unitId} onChange={(e) => setUnitId(e.target.value)}>
              {units.map((u) => (
                <option key={u.unitId} value={u.unitId}>
                  {u.unitName}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field field--group">
            <legend>{t('nomination.kind')}</legend>
            {(['individual', 'collective'] as const).map((k) => (
              <div key={k} className="field field--inline">
                <input
                  type="radio"
                  id={`nom-kind-${k}`}
                  name="nom-kind"
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setAwardForm('');
                  }}
                />
                <label htmlFor={`nom-kind-${k}`}>{t(`nomination.kind.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          {textField('nomineeName')}
          {textField('nomineePosition')}
          <div className="field">
            <label htmlFor="nom-form">{t('nomination.awardForm')}</label>
            <select id="nom-form" value={awardForm || available[0]?.code} onChange={(e) => setAwardForm(e.target.value)}>
              {available.map((f) => (
                <option key={f.code} value={f.code}>
                  {f.name}
                </option>
              ))}
            </select>
          </div>
          {textField('achievementSummary', true)}
          {textField('reviewMinutes', true)}
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <button type="submit" className="button" disabled={create.isPending}>
            {t('nomination.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
