import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { BulkActionResult, InboxItemView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useI18n } from '../../i18n/i18n-context';
import { compareVi, formatDate, formatDateTime } from '../../i18n/format';
import { useOperationRun, type OperationRun } from '../org/operation-store';
import { localized } from '../items/field-schema';
import { bulkAct, newIdempotencyKey } from '../items/items.api';
import { usePublishedDefinitions } from '../items/items.hooks';
import type { InboxFilters } from './inbox.api';
import { useInbox, useInboxCounts } from './inbox.hooks';
import { BULK_RUN_ID, bulkStore } from './bulk-store';
import { useInboxShortcuts } from './InboxShortcuts';
import { UpcomingList } from './UpcomingList';
import { HelpInbox } from './HelpInbox';
import { SavedFilters } from '../saved-filters/SavedFilters';
import '../items/items.css';

function filtersFrom(params: URLSearchParams): InboxFilters {
  const f: InboxFilters = { sort: params.get('sort') === 'updated_at' ? 'updated_at' : 'due_at' };
  for (const k of ['workflow', 'stage', 'unitId', 'campaignId'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  if (params.get('overdue') === 'true') f.overdue = 'true';
  if (params.get('status') === 'suspended') f.status = 'suspended';
  return f;
}

/** Names of workflows and their stages, from the newest published version of each. */
function useWorkflowNames() {
  const { language } = useI18n();
  const defs = usePublishedDefinitions();
  return useMemo(() => {
    const names = new Map<string, { name: string; version: number; stages: Map<string, string> }>();
    for (const d of defs.data ?? []) {
      const current = names.get(d.key);
      if (current && current.version > d.version) continue;
      const stages = new Map<string, string>();
      const raw = (d.definition as { stages?: Record<string, { name?: { vi: string; en?: string } }> }).stages ?? {};
      for (const [id, s] of Object.entries(raw)) stages.set(id, localized(s.name, language, id));
      names.set(d.key, { name: localized(d.name, language, d.key), version: d.version, stages });
    }
    return {
      workflow: (key: string) => names.get(key)?.name ?? key,
      stage: (key: string, stage: string) => names.get(key)?.stages.get(stage) ?? stage,
    };
  }, [defs.data, language]);
}

export default function InboxPage() {
  const { t } = useI18n();
  usePageTitle(t('nav.inbox'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const { sort: _sort, ...countFilters } = filters;
  const inbox = useInbox(filters);
  const counts = useInboxCounts(countFilters);
  // Filter choices (workflows, stages, units) from every item of the list's status, whatever else is filtered.
  // The unit choices: the 200 units with the most waiting items (per-unit counts are asked for, and paged, by the API).
  const allCounts = useInboxCounts({ ...(filters.status ? { status: filters.status } : {}), byUnit: 'true', unitLimit: 200 });
  const names = useWorkflowNames();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  // A bulk action asks first, naming the count; the confirmation takes the focus and gives it back when cancelled.
  const [confirming, setConfirming] = useState<'approve' | 'return' | null>(null);
  const bulk = useOperationRun(bulkStore, BULK_RUN_ID);

  const items = useMemo(() => inbox.data?.pages.flatMap((p) => p.items) ?? [], [inbox.data]);
  const titles = useMemo(() => new Map(items.map((i) => [i.id, i.title])), [items]);
  const shortcuts = useInboxShortcuts(items);

  const setFilter = (name: keyof InboxFilters, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === 'workflow') next.delete('stage');
    setParams(next, { replace: true });
    setSelected(new Set());
  };

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));

  const askBulk = (action: 'approve' | 'return') => {
    setCommentError(null);
    if (action === 'return' && comment.trim() === '') {
      setCommentError(t('inbox.bulk.returnNeedsComment'));
      document.getElementById('bulk-comment')?.focus();
      return;
    }
    setConfirming(action);
  };

  const cancelBulk = () => {
    const action = confirming;
    setConfirming(null);
    requestAnimationFrame(() => document.getElementById(`bulk-${action ?? 'approve'}`)?.focus());
  };

  const runBulk = (action: 'approve' | 'return') => {
    setConfirming(null);
    const itemIds = [...selected];
    const names = Object.fromEntries(itemIds.map((id) => [id, titles.get(id) ?? id]));
    // The versions shown: an item someone else moved meanwhile comes back as ITEM_CHANGED, not acted on blindly.
    const expectedVersions = Object.fromEntries(items.filter((i) => selected.has(i.id)).map((i) => [i.id, i.version]));
    bulkStore.start(BULK_RUN_ID, { action, titles: names, count: itemIds.length }, () =>
      bulkAct({ action, itemIds, expectedVersions, ...(comment.trim() ? { comment: comment.trim() } : {}) }, newIdempotencyKey(`bulk-${action}`)).finally(() => {
        void queryClient.invalidateQueries({ queryKey: ['inbox'] });
        void queryClient.invalidateQueries({ queryKey: ['items'] });
      }),
    );
    setSelected(new Set());
    setComment('');
    // The confirmation and the buttons go away with the selection: the focus goes to the results, which follow the run.
    requestAnimationFrame(() => document.getElementById('bulk-results')?.focus());
  };

  const workflows = [...new Set((allCounts.data?.byStage ?? []).map((s) => s.workflow))];
  const stages = (allCounts.data?.byStage ?? []).filter((s) => !filters.workflow || s.workflow === filters.workflow);
  const units = [...(allCounts.data?.byUnit ?? [])].sort((a, b) => compareVi(a.unitName, b.unitName));

  return (
    <section className="page inbox-page" aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>{t('nav.inbox')}</h1>
      {counts.data ? (
        <p className="lead" role="status">
          {t('inbox.counts', { total: counts.data.total, overdue: counts.data.overdue })}
        </p>
      ) : null}

      <HelpInbox />

      <form className="filters card" aria-label={t('inbox.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="f-workflow">{t('inbox.filter.workflow')}</label>
          <select id="f-workflow" value={filters.workflow ?? ''} onChange={(e) => setFilter('workflow', e.target.value || null)}>
            <option value="">{t('inbox.filter.all')}</option>
            {workflows.map((w) => (
              <option key={w} value={w}>
                {names.workflow(w)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-stage">{t('inbox.filter.stage')}</label>
          <select id="f-stage" value={filters.stage ?? ''} onChange={(e) => setFilter('stage', e.target.value || null)}>
            <option value="">{t('inbox.filter.all')}</option>
            {stages.map((s) => (
              <option key={`${s.workflow}:${s.stage}`} value={s.stage}>
                {t('inbox.filter.withCount', { name: `${names.stage(s.workflow, s.stage)}${filters.workflow ? '' : ` (${names.workflow(s.workflow)})`}`, count: s.count })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-unit">{t('inbox.filter.unit')}</label>
          <select id="f-unit" value={filters.unitId ?? ''} onChange={(e) => setFilter('unitId', e.target.value || null)}>
            <option value="">{t('inbox.filter.all')}</option>
            {units.map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {t('inbox.filter.withCount', { name: u.unitName, count: u.count })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-sort">{t('inbox.sort')}</label>
          <select id="f-sort" value={filters.sort} onChange={(e) => setFilter('sort', e.target.value === 'updated_at' ? 'updated_at' : null)}>
            <option value="due_at">{t('inbox.sort.due')}</option>
            <option value="updated_at">{t('inbox.sort.updated')}</option>
          </select>
        </div>
        <div className="field field--inline">
          <input id="f-overdue" type="checkbox" checked={filters.overdue === 'true'} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : null)} />
          <label htmlFor="f-overdue">{t('inbox.filter.overdueOnly', { count: allCounts.data?.overdue ?? 0 })}</label>
        </div>
        <div className="field field--inline">
          <input id="f-suspended" type="checkbox" checked={filters.status === 'suspended'} onChange={(e) => setFilter('status', e.target.checked ? 'suspended' : null)} />
          <label htmlFor="f-suspended">{t('inbox.filter.suspendedOnly')}</label>
        </div>
      </form>
      <SavedFilters
        page="inbox"
        current={Object.fromEntries(Object.entries(filters).filter(([k, v]) => typeof v === 'string' && v !== '' && !(k === 'sort' && v === 'due_at')) as Array<[string, string]>)}
        onApply={(saved) => {
          setParams(new URLSearchParams(saved));
          setSelected(new Set());
        }}
      />

      {bulk ? <BulkResults run={bulk} /> : null}
      {shortcuts.element}
      <UpcomingList />

      {inbox.isPending ? <PageLoading /> : null}
      {inbox.isError ? <ErrorAlert error={inbox.error} /> : null}
      {inbox.data && items.length === 0 ? <p className="notice">{t('inbox.empty')}</p> : null}

      {items.length > 0 ? (
        <>
          <div className="bulk-bar card" aria-labelledby="bulk-title">
            <h2 id="bulk-title" className="visually-hidden">
              {t('inbox.bulk.title')}
            </h2>
            <div className="field field--inline">
              <input id="select-all" type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))} />
              <label htmlFor="select-all">{t('inbox.bulk.selectAll', { count: items.length })}</label>
            </div>
            <p aria-live="polite" className="bulk-bar__count">
              {t('inbox.bulk.selected', { count: selected.size })}
            </p>
            {selected.size > 0 ? (
              <>
                <div className="field">
                  <label htmlFor="bulk-comment">{t('inbox.bulk.comment')}</label>
                  <textarea
                    id="bulk-comment"
                    rows={2}
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
                    aria-invalid={commentError ? true : undefined}
                    aria-describedby={commentError ? 'bulk-comment-error' : undefined}
                  />
                  {commentError ? (
                    <p id="bulk-comment-error" className="field__error">
                      {commentError}
                    </p>
                  ) : null}
                </div>
                <div className="form-actions">
                  <button type="button" id="bulk-approve" className="button" disabled={bulk?.status === 'running' || confirming !== null} onClick={() => askBulk('approve')}>
                    {t('inbox.bulk.approve', { count: selected.size })}
                  </button>
                  <button type="button" id="bulk-return" className="button button--secondary" disabled={bulk?.status === 'running' || confirming !== null} onClick={() => askBulk('return')}>
                    {t('inbox.bulk.return', { count: selected.size })}
                  </button>
                </div>
                {confirming ? (
                  <div className="bulk-confirm" role="alertdialog" aria-labelledby="bulk-confirm-text" onKeyDown={(e) => e.key === 'Escape' && cancelBulk()}>
                    <p id="bulk-confirm-text">
                      {t(confirming === 'approve' ? 'inbox.bulk.confirmApprove' : 'inbox.bulk.confirmReturn', { count: selected.size })}
                    </p>
                    <div className="form-actions">
                      <button type="button" className="button" autoFocus onClick={() => runBulk(confirming)}>
                        {t(confirming === 'approve' ? 'inbox.bulk.confirmApproveButton' : 'inbox.bulk.confirmReturnButton', { count: selected.size })}
                      </button>
                      <button type="button" className="button button--secondary" onClick={cancelBulk}>
                        {t('inbox.bulk.cancel')}
                      </button>
                    </div>
                  </div>
                ) : null}
              </>
            ) : null}
          </div>

          <table className="work-table">
            <caption className="visually-hidden">{t('nav.inbox')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('inbox.col.select')}</span>
                </th>
                <th scope="col">{t('inbox.col.title')}</th>
                <th scope="col">{t('inbox.col.unit')}</th>
                <th scope="col">{t('inbox.col.stage')}</th>
                <th scope="col">{t('inbox.col.due')}</th>
                <th scope="col">{t('inbox.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <InboxRow
                  key={i.id}
                  item={i}
                  checked={selected.has(i.id)}
                  isCurrent={shortcuts.current === i.id}
                  onFocusRow={() => shortcuts.setCurrent(i.id)}
                  onToggle={() => toggle(i.id)}
                  unitName={i.unitName}
                  workflowName={names.workflow(i.workflow)}
                  stageName={names.stage(i.workflow, i.stage)}
                />
              ))}
            </tbody>
          </table>
          {inbox.hasNextPage ? (
            <button type="button" className="button button--secondary" onClick={() => void inbox.fetchNextPage()} disabled={inbox.isFetchingNextPage}>
              {t('inbox.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function InboxRow({ item, checked, isCurrent, onFocusRow, onToggle, unitName, workflowName, stageName }: { item: InboxItemView; checked: boolean; isCurrent: boolean; onFocusRow: () => void; onToggle: () => void; unitName: string; workflowName: string; stageName: string }) {
  const { t } = useI18n();
  const id = `sel-${item.id}`;
  return (
    <tr className={[item.isOverdue ? 'is-overdue' : '', isCurrent ? 'is-current' : ''].filter(Boolean).join(' ') || undefined} aria-current={isCurrent ? 'true' : undefined} data-item-id={item.id} onFocus={onFocusRow}>
      <td>
        <input id={id} type="checkbox" checked={checked} onChange={onToggle} aria-label={t('inbox.col.selectItem', { title: item.title })} />
      </td>
      <td data-label={t('inbox.col.title')}>
        <Link id={`inbox-link-${item.id}`} to={`/items/${item.id}`} aria-describedby="inbox-keys-hint">
          {item.title}
        </Link>
        {item.status === 'suspended' ? <span className="badge">{t('items.status.suspended')}</span> : null}
        <span className="muted work-table__sub">{workflowName}</span>
      </td>
      <td data-label={t('inbox.col.unit')}>{unitName}</td>
      <td data-label={t('inbox.col.stage')}>{stageName}</td>
      <td data-label={t('inbox.col.due')}>
        {item.dueAt ? formatDate(item.dueAt) : '—'} {item.isOverdue ? <span className="badge badge--late">{t('items.overdue')}</span> : null}
      </td>
      <td data-label={t('inbox.col.updated')}>{formatDateTime(item.updatedAt)}</td>
    </tr>
  );
}

function BulkResults({ run }: { run: OperationRun<BulkActionResult> }) {
  const { t } = useI18n();
  const titles = (run.meta.titles ?? {}) as Record<string, string>;
  const action = run.meta.action === 'return' ? t('inbox.bulk.returnVerb') : t('inbox.bulk.approveVerb');
  return (
    <section className="card bulk-results" id="bulk-results" tabIndex={-1} aria-labelledby="bulk-results-title">
      <h2 id="bulk-results-title">{t('inbox.bulk.resultsTitle', { action })}</h2>
      {run.status === 'running' ? (
        <p role="status">
          <progress aria-label={t('inbox.bulk.running', { count: Number(run.meta.count ?? 0) })} /> {t('inbox.bulk.running', { count: Number(run.meta.count ?? 0) })}
        </p>
      ) : null}
      {run.status === 'failed' || run.status === 'interrupted' ? (
        <ErrorAlert error={run.error ?? new Error('interrupted')} title={t('inbox.bulk.failed')} />
      ) : null}
      {run.result ? (
        <>
          <p role="status" className={run.result.failed > 0 ? 'alert alert--error' : 'alert alert--success'}>
            {t('inbox.bulk.summary', { ok: run.result.succeeded, failed: run.result.failed })}
          </p>
          <ul className="bulk-results__list">
            {run.result.results.map((r) => (
              <li key={r.itemId} className={r.ok ? 'bulk-ok' : 'bulk-failed'}>
                <Link to={`/items/${r.itemId}`}>{titles[r.itemId] ?? (r.ok ? r.item.title : r.itemId)}</Link>:{' '}
                {r.ok ? <strong>{t('inbox.bulk.ok')}</strong> : <strong>{t('inbox.bulk.notDone')}</strong>}
                {r.ok ? null : <span> — {r.error.message}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {run.status !== 'running' ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            bulkStore.clear(BULK_RUN_ID);
            // The results go away with their button: the focus goes to the list's heading, not the top of the page.
            requestAnimationFrame(() => document.getElementById('page-title')?.focus());
          }}
        >
          {t('inbox.bulk.dismiss')}
        </button>
      ) : null}
    </section>
  );
}
