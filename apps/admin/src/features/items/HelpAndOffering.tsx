import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HelpRequestView, ItemOfferingView, WorkItemView } from '@thidua/contracts';
import { api, data } from '../../api/typed-client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { localized } from './field-schema';

/* Early offering (commit to an upcoming stage) and help/co-sign requests on the item page (issue 15, line 6). */

const keys = {
  offering: (id: string) => ['items', id, 'offering'] as const,
  help: (id: string) => ['items', id, 'help-requests'] as const,
};

type StageNames = Record<string, { name?: { vi: string; en?: string } } | undefined>;

export function OfferingPanel({ item, stages }: { item: WorkItemView; stages: StageNames }) {
  const { t, language } = useI18n();
  const qc = useQueryClient();
  const offering = useQuery({ queryKey: keys.offering(item.id), queryFn: ({ signal }) => data(api.GET('/items/{id}/offering', { params: { path: { id: item.id } }, signal })) });
  const commit = useMutation({
    mutationFn: (v: { stage: string; withdraw: boolean }): Promise<ItemOfferingView> =>
      v.withdraw ? data(api.DELETE('/items/{id}/commitments/{stage}', { params: { path: { id: item.id, stage: v.stage } } })) : data(api.POST('/items/{id}/commitments', { params: { path: { id: item.id } }, body: { stage: v.stage } })),
    onSuccess: (view) => {
      qc.setQueryData(keys.offering(item.id), view);
      void qc.invalidateQueries({ queryKey: ['items', item.id] });
    },
  });
  const view = offering.data;
  if (!view || (view.upcoming.length === 0 && view.commitments.length === 0)) return null;
  const stageName = (s: string) => localized(stages[s]?.name, language, s);
  return (
    <section className="card item-section" aria-labelledby="offering-title">
      <h2 id="offering-title">{t('offering.title')}</h2>
      {commit.isError ? <ErrorAlert error={commit.error} /> : null}
      {view.upcoming.map((u) => (
        <p key={u.stage}>
          {t('offering.upcoming', { stage: stageName(u.stage) })}{' '}
          {u.committedByMe ? (
            <button type="button" className="button" disabled={commit.isPending} onClick={() => commit.mutate({ stage: u.stage, withdraw: true })}>
              {t('offering.withdraw')}
            </button>
          ) : u.canCommit ? (
            <button type="button" className="button button--primary" disabled={commit.isPending} onClick={() => commit.mutate({ stage: u.stage, withdraw: false })}>
              {t('offering.commit')}
            </button>
          ) : null}
        </p>
      ))}
      {view.commitments.length > 0 ? (
        <ul>
          {view.commitments.map((c) => (
            <li key={`${c.stage}-${c.userId}-${c.createdAt}`}>
              {c.userName ?? t('items.timeline.someone')} · {stageName(c.stage)} · {t(`offering.status.${c.status}`)} · {formatDateTime(c.createdAt)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function HelpRequestsPanel({ item, meId }: { item: WorkItemView; meId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: keys.help(item.id), queryFn: ({ signal }) => data(api.GET('/items/{id}/help-requests', { params: { path: { id: item.id } }, signal })) });
  const holder = item.assignment ? (item.assignment.userId ?? item.assignment.claimedBy) : null;
  const isHolder = holder === meId && !!item.assignment?.startedAt && item.status !== 'final';
  const people = useQuery({
    queryKey: ['units', item.assignment?.unitId, 'people'],
    queryFn: ({ signal }) => data(api.GET('/units/{id}/people', { params: { path: { id: item.assignment!.unitId } }, signal })),
    enabled: isHolder && !!item.assignment,
  });
  const [kind, setKind] = useState<'help' | 'cosign'>('cosign');
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.help(item.id) });
    void qc.invalidateQueries({ queryKey: ['items', item.id] });
  };
  const ask = useMutation({
    mutationFn: () => data(api.POST('/items/{id}/help-requests', { params: { path: { id: item.id } }, body: { kind, userIds: chosen, message } })),
    onSuccess: () => {
      setChosen([]);
      setMessage('');
      refresh();
    },
  });
  const answer = useMutation({
    mutationFn: (v: { r: HelpRequestView; answer: 'done' | 'cosigned' | 'declined' }) =>
      data(api.POST('/items/{id}/help-requests/{requestId}/answer', { params: { path: { id: item.id, requestId: v.r.id } }, body: { answer: v.answer, ...(v.answer === 'declined' ? { reason: reasons[v.r.id] ?? '' } : {}) } })),
    onSuccess: refresh,
  });
  const rows = list.data?.items ?? [];
  const colleagues = (people.data?.people ?? []).filter((p) => p.userId !== meId && p.status === 'active');
  if (rows.length === 0 && !isHolder) return null;
  return (
    <section className="card item-section" aria-labelledby="help-title">
      <h2 id="help-title">{t('help.title')}</h2>
      {list.data?.waits && list.data.pendingCosigns > 0 ? <p className="muted">{t('help.waiting', { count: list.data.pendingCosigns })}</p> : null}
      {ask.isError ? <ErrorAlert error={ask.error} /> : null}
      {answer.isError ? <ErrorAlert error={answer.error} /> : null}
      {rows.length > 0 ? (
        <ul className="help-requests">
          {rows.map((r) => (
            <li key={r.id}>
              <strong>{t(`help.kind.${r.kind}`)}</strong> · {r.fromName ?? t('items.timeline.someone')} → {r.toName ?? t('items.timeline.someone')} · {t(`help.status.${r.status}`)}
              <div>{r.message}</div>
              {r.reason ? (
                <div>
                  {t('help.reason')}: {r.reason}
                </div>
              ) : null}
              {r.toUserId === meId && r.status === 'open' ? (
                <div className="help-answer">
                  <button type="button" className="button button--primary" disabled={answer.isPending} onClick={() => answer.mutate({ r, answer: r.kind === 'cosign' ? 'cosigned' : 'done' })}>
                    {r.kind === 'cosign' ? t('help.answer.cosigned') : t('help.answer.done')}
                  </button>
                  <label>
                    {t('help.reason')}
                    <input value={reasons[r.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [r.id]: e.target.value })} />
                  </label>
                  <button type="button" className="button" disabled={answer.isPending || !(reasons[r.id] ?? '').trim()} onClick={() => answer.mutate({ r, answer: 'declined' })}>
                    {t('help.answer.declined')}
                  </button>
                </div>
              ) : null}
              <div className="muted">{formatDateTime(r.createdAt)}</div>
            </li>
          ))}
        </ul>
      ) : null}
      {isHolder ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            ask.mutate();
          }}
        >
          <fieldset>
            <legend>{t('help.ask')}</legend>
            <label>
              <input type="radio" name="help-kind" checked={kind === 'cosign'} onChange={() => setKind('cosign')} /> {t('help.kind.cosign')}
            </label>{' '}
            <label>
              <input type="radio" name="help-kind" checked={kind === 'help'} onChange={() => setKind('help')} /> {t('help.kind.help')}
            </label>
            {colleagues.map((p) => (
              <label key={p.userId} className="help-colleague">
                <input type="checkbox" checked={chosen.includes(p.userId)} onChange={(e) => setChosen(e.target.checked ? [...chosen, p.userId] : chosen.filter((x) => x !== p.userId))} /> {p.fullName}
              </label>
            ))}
            <label>
              {t('help.message')}
              <textarea value={message} onChange={(e) => setMessage(e.target.value)} rows={2} />
            </label>
            <button type="submit" className="button button--primary" disabled={ask.isPending || chosen.length === 0 || !message.trim()}>
              {t('help.send')}
            </button>
          </fieldset>
        </form>
      ) : null}
    </section>
  );
}
