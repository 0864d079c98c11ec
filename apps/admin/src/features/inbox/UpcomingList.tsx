import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { UpcomingItemView } from '@thidua/contracts';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n-context';
import { localized } from '../items/field-schema';
import { useCommitment, useUpcoming } from './inbox.hooks';

/**
 * "Sắp đến" (upcoming, issue 15 line 6): items whose next stages will be offered to me, each with the stage's name,
 * who committed to it, and a button to commit or to withdraw my commitment. Shown only when there is something.
 */
export function UpcomingList() {
  const { t, language } = useI18n();
  const upcoming = useUpcoming();
  const commitment = useCommitment();
  const [failed, setFailed] = useState<{ key: string; error: unknown } | null>(null);
  const [done, setDone] = useState<string>('');
  const errorRef = useRef<HTMLDivElement>(null);
  const items = upcoming.data?.items ?? [];
  if (upcoming.isError) return <ErrorAlert error={upcoming.error} />;
  if (items.length === 0) return null;

  const act = (u: UpcomingItemView, withdraw: boolean) => {
    const key = `${u.itemId}:${u.stage}`;
    setFailed(null);
    setDone('');
    const stage = localized(u.stageName ?? undefined, language, t('inbox.upcoming.unnamedStage'));
    commitment.mutate(
      { itemId: u.itemId, stage: u.stage, withdraw },
      {
        onSuccess: () => setDone(t(withdraw ? 'inbox.upcoming.withdrawn' : 'inbox.upcoming.committed', { title: u.title, stage })),
        onError: (error) => {
          setFailed({ key, error });
          setTimeout(() => errorRef.current?.focus(), 0);
        },
      },
    );
  };

  return (
    <section className="card upcoming" aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">{t('inbox.upcoming.title', { count: items.length })}</h2>
      <p className="wf-hint">{t('inbox.upcoming.hint')}</p>
      <p className="visually-hidden" role="status">
        {done}
      </p>
      <ul className="upcoming__list">
        {items.map((u) => {
          const key = `${u.itemId}:${u.stage}`;
          const stage = localized(u.stageName ?? undefined, language, t('inbox.upcoming.unnamedStage'));
          const now = localized(u.currentStageName ?? undefined, language, t('inbox.upcoming.unnamedStage'));
          const other = u.committedBy && !u.isCommittedByMe ? u.committedBy.fullName : null;
          const error = failed?.key === key ? failed.error : null;
          const holder = error instanceof ApiError && error.code === 'COMMITMENT_TAKEN' ? ((error.details as { holder?: { fullName?: string } } | undefined)?.holder?.fullName ?? null) : null;
          return (
            <li key={key} className="upcoming__item" data-upcoming-item={u.itemId}>
              <p>
                <Link to={`/items/${u.itemId}`}>{u.title}</Link> · {u.unitName}
              </p>
              <p>{t('inbox.upcoming.stage', { stage, now })}</p>
              {u.isCommittedByMe ? <p className="upcoming__mine">{t('inbox.upcoming.mine')}</p> : null}
              {other ? <p>{t('inbox.upcoming.takenBy', { name: other })}</p> : null}
              {error ? (
                holder ? (
                  <div className="alert alert--error" role="alert" ref={errorRef} tabIndex={-1}>
                    <p>{t('inbox.upcoming.lost', { name: holder })}</p>
                  </div>
                ) : (
                  <ErrorAlert error={error} ref={errorRef} />
                )
              ) : null}
              {u.isCommittedByMe ? (
                <button type="button" className="button button--secondary" disabled={commitment.isPending} onClick={() => act(u, true)}>
                  {t('inbox.upcoming.withdraw', { stage, title: u.title })}
                </button>
              ) : other ? null : (
                <button type="button" className="button" disabled={commitment.isPending} onClick={() => act(u, false)}>
                  {t('inbox.upcoming.commit', { stage, title: u.title })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
