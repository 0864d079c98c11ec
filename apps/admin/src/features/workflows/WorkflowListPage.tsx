import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { DefinitionView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useI18n } from '../../i18n/i18n-context';
import { compareVi, formatDateTime } from '../../i18n/format';
import { groupVersions } from './definition-model';
import { useCreateDraft, useDefinitions } from './workflows.hooks';
import { StatusBadge } from './StatusBadge';

/** Every workflow with its versions: which one runs (published), which one is being prepared (draft). */
export function WorkflowListPage() {
  const { t, language } = useI18n();
  usePageTitle(t('workflows.title'));
  const definitions = useDefinitions();
  const createDraft = useCreateDraft();
  const navigate = useNavigate();
  const groups = useMemo(() => groupVersions(definitions.data ?? [], compareVi), [definitions.data]);
  const nameOf = (name: DefinitionView['name']) => (language === 'en' && name.en ? name.en : name.vi);

  const startDraft = (from: DefinitionView) =>
    createDraft.mutate(from.definition, { onSuccess: (draft) => navigate(`/workflows/${draft.id}`) });

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('workflows.title')}</h1>
      <p className="muted">{t('workflows.intro')}</p>
      {definitions.isPending ? <PageLoading /> : null}
      {definitions.isError ? <ErrorAlert error={definitions.error} /> : null}
      {createDraft.isError ? <ErrorAlert error={createDraft.error} title={t('workflows.newDraftFailed')} /> : null}
      {definitions.data && groups.length === 0 ? <p>{t('workflows.none')}</p> : null}
      <ul className="wf-list">
        {groups.map((group) => (
          <li key={group.key} className="card wf-list__item">
            <h2 className="wf-list__name">{nameOf(group.name)}</h2>
            <p className="muted">
              {t('workflows.keyLabel')}: <code>{group.key}</code>
            </p>
            <table className="wf-table">
              <caption className="visually-hidden">{t('workflows.versionsOf', { name: nameOf(group.name) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workflows.version')}</th>
                  <th scope="col">{t('workflows.statusLabel')}</th>
                  <th scope="col">{t('workflows.createdAt')}</th>
                  <th scope="col">{t('workflows.publishedAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('workflows.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.versions.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <Link to={`/workflows/${v.id}`} aria-label={t('workflows.openVersion', { name: nameOf(v.name), version: v.version })}>
                        {t('workflows.versionN', { version: v.version })}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={v.status} />
                    </td>
                    <td>{formatDateTime(v.createdAt)}</td>
                    <td>{formatDateTime(v.publishedAt)}</td>
                    <td>
                      {v.status !== 'draft' && !group.draft ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={createDraft.isPending}
                          onClick={() => startDraft(v)}
                        >
                          {t('workflows.newDraftFrom', { version: v.version })}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
    </section>
  );
}
