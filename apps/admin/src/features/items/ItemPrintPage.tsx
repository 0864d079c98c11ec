import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useI18n } from '../../i18n/i18n-context';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/auth.hooks';
import { getCampaign } from '../campaigns/campaigns.api';
import { useAwardFormNames } from '../campaigns/campaigns.hooks';
import { formatBytes } from './Attachments';
import { allFields, asDefinition, displayValue, localized, stageOf } from './field-schema';
import { dataKeyLabel, dataValue, StatusBadge } from './ItemPage';
import { useAttachments, useDefinition, useItem, useItemHistory, useUnit } from './items.hooks';
import { Timeline } from './Timeline';
import './items.css';

/**
 * /items/:id/print — one item as a document in the Vietnamese administrative style: the issuing unit and its parent
 * at the top left, the national motto at the top right, the place-and-date line, then the title, the workflow and
 * stage in words, the data fields with their labels, the history and the list of attachments. "In" prints it; the
 * print stylesheet (styles.css, `@media print`) hides the application around it.
 */
export default function ItemPrintPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const item = useItem(id);
  const def = useDefinition(item.data?.definitionId);
  const history = useItemHistory(id);
  const attachments = useAttachments(id);
  const unit = useUnit(item.data?.unitId);
  const me = useMe();
  const awardForms = useAwardFormNames();
  // A report names its milestone by id: the campaign's milestones give it a name (a raw id is never printed).
  const campaignId = item.data?.campaignId ?? null;
  const campaign = useQuery({ queryKey: ['campaigns', 'detail', campaignId], queryFn: ({ signal }) => getCampaign(campaignId ?? '', signal), enabled: campaignId !== null });
  usePageTitle(item.data ? t('print.pageTitle', { title: item.data.title }) : t('items.title'));

  if (item.isPending) return <PageLoading />;
  if (item.isError) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">{t('items.title')}</h1>
        <ErrorAlert error={item.error} />
      </section>
    );
  }
  const w = item.data;
  if (!def.data || !unit.data || !me.data) return <PageLoading />;
  const definition = asDefinition(def.data.definition);
  const fields = allFields(definition);
  const stageName = localized(stageOf(definition, w.stage)?.name ?? w.stageName ?? undefined, language, w.stage);
  const unitNames = new Map<string, string>([[unit.data.path, unit.data.name], ...unit.data.ancestors.map((a): [string, string] => [a.path, a.name])]);
  const parent = unit.data.ancestors[unit.data.ancestors.length - 1];
  const today = new Date();
  const milestones = new Map((campaign.data?.milestones ?? []).map((m) => [m.id, `${m.label} (${formatDate(m.due)})`]));
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const shown = (value: unknown, text: string) => (typeof value === 'string' && UUID.test(value) ? (milestones.get(value) ?? '—') : text);
  const dataFields = [
    ...fields.filter((f) => f.name in w.data),
    ...Object.keys(w.data)
      .filter((k) => !fields.some((f) => f.name === k))
      .map((name) => ({ name, type: 'string' as const })),
  ];

  return (
    <section className="page print-page" aria-labelledby="page-title">
      <div className="print-toolbar no-print">
        <Link to={`/items/${w.id}`}>{t('print.back')}</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('print.print')}
        </button>
      </div>

      <article className="print-doc">
        <header className="print-doc__head">
          <div className="print-doc__issuer">
            {parent ? <p className="print-doc__parent">{parent.name.toLocaleUpperCase('vi')}</p> : null}
            <p className="print-doc__unit">{unit.data.name.toLocaleUpperCase('vi')}</p>
          </div>
          <div className="print-doc__motto">
            <p className="print-doc__nation">{t('print.nation')}</p>
            <p className="print-doc__slogan">{t('print.slogan')}</p>
          </div>
        </header>
        <p className="print-doc__date">
          {t('print.dateLine', { day: String(today.getDate()).padStart(2, '0'), month: String(today.getMonth() + 1).padStart(2, '0'), year: today.getFullYear() })}
        </p>

        <h1 id="page-title" className="print-doc__title">
          {w.title}
        </h1>

        <dl className="print-doc__summary">
          <div>
            <dt>{t('print.workflow')}</dt>
            <dd>{localized(def.data.name, language, w.workflow)}</dd>
          </div>
          <div>
            <dt>{t('items.unit')}</dt>
            <dd>{unit.data.name}</dd>
          </div>
          <div>
            <dt>{t('items.stage')}</dt>
            <dd>{w.status === 'final' ? <StatusBadge outcome={w.outcome} /> : stageName}</dd>
          </div>
          {w.dueAt && w.status !== 'final' ? (
            <div>
              <dt>{t('items.due')}</dt>
              <dd>{formatDate(w.dueAt)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('items.updated')}</dt>
            <dd>{formatDateTime(w.updatedAt)}</dd>
          </div>
        </dl>

        <section aria-labelledby="print-data-title">
          <h2 id="print-data-title">{t('print.section.data', { n: 'I' })}</h2>
          {dataFields.length === 0 ? (
            <p>{t('items.noData')}</p>
          ) : (
            <table className="print-doc__table">
              <caption className="visually-hidden">{t('items.data')}</caption>
              <tbody>
                {dataFields.map((f) => (
                  <tr key={f.name}>
                    <th scope="row">{'label' in f ? localized(f.label, language, f.name) : dataKeyLabel(f.name, t)}</th>
                    <td>
                      {shown(
                        w.data[f.name],
                        'label' in f && (f.type === 'date' || typeof w.data[f.name] === 'number' || typeof w.data[f.name] === 'boolean')
                          ? displayValue(w.data[f.name], f, language, t('items.value.yes'), t('items.value.no'))
                          : dataValue(f.name, w.data[f.name], t, awardForms),
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="print-attachments-title">
          <h2 id="print-attachments-title">{t('print.section.attachments', { n: 'II' })}</h2>
          {attachments.isError ? <ErrorAlert error={attachments.error} /> : null}
          {attachments.data && attachments.data.length === 0 ? <p>{t('print.noAttachments')}</p> : null}
          {attachments.data && attachments.data.length > 0 ? (
            <ol>
              {attachments.data.map((a) => (
                <li key={a.id}>
                  {a.fileName} ({formatBytes(a.sizeBytes)}, {formatDateTime(a.createdAt)})
                </li>
              ))}
            </ol>
          ) : null}
        </section>

        <section aria-labelledby="print-history-title">
          <h2 id="print-history-title">{t('print.section.history', { n: 'III' })}</h2>
          {history.isError ? <ErrorAlert error={history.error} /> : null}
          {history.data ? <Timeline events={history.data} def={definition} fields={fields} meId={me.data.id} unitNames={unitNames} /> : <PageLoading />}
        </section>

        <footer className="print-doc__foot">
          <p>{t('print.printedBy', { name: me.data.fullName, when: formatDateTime(today.toISOString()) })}</p>
        </footer>
      </article>
    </section>
  );
}
