import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useI18n } from '../../i18n/i18n-context';
import { useMe } from '../auth/auth.hooks';
import { asDefinition, localized } from './field-schema';
import { useCreateItem, usePublishedDefinitions } from './items.hooks';
import './items.css';

/** Workflows an officer starts for their own unit: the initial stage is filled by an officer of the unit. */
export function startableByOfficer(definition: Record<string, unknown>): boolean {
  const def = asDefinition(definition) as { initialStage?: string; stages?: Record<string, { actor?: { role?: string; unit?: { kind?: string } } }> };
  const first = def.initialStage ? def.stages?.[def.initialStage] : undefined;
  return first?.actor?.role === 'officer' && first.actor.unit?.kind === 'own';
}

/** Start a plan, a report or a nomination for one of the user's units; the form itself is on the item's page. */
export default function NewItemPage() {
  const { t, language } = useI18n();
  usePageTitle(t('items.new.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const definitions = usePublishedDefinitions();
  const create = useCreateItem();
  const [workflow, setWorkflow] = useState(params.get('workflow') ?? '');
  const [unitId, setUnitId] = useState(params.get('unitId') ?? '');
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const startable = (definitions.data ?? []).filter((d) => startableByOfficer(d.definition));
  const units = new Map<string, string>();
  for (const r of me.data?.roles ?? []) if (r.role === 'officer') units.set(r.unitId, r.unitName);
  const chosenUnit = unitId || (units.size === 1 ? [...units.keys()][0] ?? '' : '');
  const chosenWorkflow = startable.find((d) => d.key === workflow);

  const submit = () => {
    const next: Record<string, string> = {};
    if (!chosenWorkflow) next.workflow = t('validation.required', { field: t('items.new.workflow').toLocaleLowerCase() });
    if (!chosenUnit) next.unitId = t('validation.required', { field: t('items.unit').toLocaleLowerCase() });
    if (!title.trim()) next.title = t('validation.required', { field: t('items.new.name').toLocaleLowerCase() });
    setErrors(next);
    if (Object.keys(next).length > 0 || !chosenWorkflow) return;
    create.mutate(
      { workflow: chosenWorkflow.key, unitId: chosenUnit, title: title.trim(), data: {} },
      { onSuccess: (item) => navigate(`/items/${item.id}`) },
    );
  };

  if (me.isPending || definitions.isPending) return <PageLoading />;
  return (
    <section className="page page--narrow" aria-labelledby="page-title">
      <h1 id="page-title">{t('items.new.title')}</h1>
      <p className="lead">{t('items.new.lead')}</p>
      {definitions.isError ? <ErrorAlert error={definitions.error} /> : null}
      {units.size === 0 ? <p className="notice">{t('items.new.noOfficerUnit')}</p> : null}
      <form
        className="form card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor="new-workflow">{t('items.new.workflow')}</label>
          <select
            id="new-workflow"
            value={workflow}
            onChange={(e) => setWorkflow(e.target.value)}
            aria-invalid={errors.workflow ? true : undefined}
            aria-describedby={errors.workflow ? 'new-workflow-error' : undefined}
          >
            <option value="">{t('items.form.choose')}</option>
            {startable.map((d) => (
              <option key={d.id} value={d.key}>
                {localized(d.name, language, d.key)}
              </option>
            ))}
          </select>
          {errors.workflow ? <p id="new-workflow-error" className="field__error">{errors.workflow}</p> : null}
        </div>
        {units.size > 1 ? (
          <div className="field">
            <label htmlFor="new-unit">{t('items.unit')}</label>
            <select
              id="new-unit"
              value={unitId}
              onChange={(e) => setUnitId(e.target.value)}
              aria-invalid={errors.unitId ? true : undefined}
              aria-describedby={errors.unitId ? 'new-unit-error' : undefined}
            >
              <option value="">{t('items.form.choose')}</option>
              {[...units].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
            {errors.unitId ? <p id="new-unit-error" className="field__error">{errors.unitId}</p> : null}
          </div>
        ) : units.size === 1 ? (
          <p>
            {t('items.unit')}: <strong>{[...units.values()][0]}</strong>
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="new-title">{t('items.new.name')}</label>
          <input
            id="new-title"
            type="text"
            maxLength={300}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? 'new-title-error' : 'new-title-hint'}
          />
          <p id="new-title-hint" className="field__hint">
            {t('items.new.nameHint')}
          </p>
          {errors.title ? <p id="new-title-error" className="field__error">{errors.title}</p> : null}
        </div>
        {create.isError ? <ErrorAlert error={create.error} /> : null}
        <button type="submit" className="button" disabled={create.isPending || units.size === 0}>
          {t('items.new.create')}
        </button>
      </form>
    </section>
  );
}
