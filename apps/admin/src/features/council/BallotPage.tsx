import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { BallotView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/auth.hooks';
import { useAwardFormNames, useNominations } from '../campaigns/campaigns.hooks';
import { useBallot, useCastVote, useCloseBallot } from './council.hooks';
import { rememberBallot } from './known-ballots';

type Choice = 'yes' | 'no' | 'abstain';
const pct = (x: number) => `${(Math.round(x * 10000) / 100).toString().replace('.', ',')}%`;

/** One ballot: cast a vote (one per member, final), the secretary closes it, then the tally and the outcomes. */
export default function BallotPage() {
  const { id = '' } = useParams();
  const t = useT();
  usePageTitle(t('council.ballot'));
  const ballot = useBallot(id);
  const me = useMe();
  useEffect(() => {
    if (ballot.data) rememberBallot(ballot.data.id);
  }, [ballot.data]);

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/council">{t('nav.council')}</Link>
      </p>
      <h1 id="page-title">{t('council.ballot')}</h1>
      {ballot.isPending ? <PageLoading /> : null}
      {ballot.isError ? <ErrorAlert error={ballot.error} /> : null}
      {ballot.data ? <Ballot ballot={ballot.data} isSecretary={me.data?.roles.some((r) => r.role === 'council_secretary') ?? false} /> : null}
    </section>
  );
}

function Ballot({ ballot, isSecretary }: { ballot: BallotView; isSecretary: boolean }) {
  const t = useT();
  const nominations = useNominations(ballot.campaignId);
  const forms = useAwardFormNames();
  const names = new Map((nominations.data ?? []).map((n) => [n.id, `${n.nomineeName} — ${forms.get(n.awardForm) ?? n.awardForm}`]));
  const vote = useCastVote(ballot.id);
  const close = useCloseBallot(ballot.id);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [missing, setMissing] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const isOpen = ballot.status === 'open';

  return (
    <>
      <dl className="item-summary">
        <div>
          <dt>{t('council.status')}</dt>
          <dd>{isOpen ? t('council.status.open') : t('council.status.closed')}</dd>
        </div>
        <div>
          <dt>{t('council.kind')}</dt>
          <dd>{ballot.secret ? t('council.secret') : t('council.open')}</dd>
        </div>
        <div>
          <dt>{t('council.turnout')}</dt>
          <dd>{t('council.castOf', { cast: ballot.castCount, eligible: ballot.eligibleCount })}</dd>
        </div>
        <div>
          <dt>{t('council.rules')}</dt>
          <dd>
            {t('council.rulesText', {
              quorum: pct(ballot.quorum),
              pass: pct(ballot.passRatio),
              basis: ballot.passBasis === 'eligible' ? t('council.basis.eligible') : t('council.basis.cast'),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('council.openedAt')}</dt>
          <dd>{formatDateTime(ballot.openedAt)}</dd>
        </div>
        {ballot.closedAt ? (
          <div>
            <dt>{t('council.closedAtLabel')}</dt>
            <dd>{formatDateTime(ballot.closedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {isOpen ? (
        <p className="muted">
          {t('council.shareLink')} <code>{`${window.location.origin}/council/ballots/${ballot.id}`}</code>
        </p>
      ) : null}

      {isOpen && ballot.hasVoted ? (
        <p className="alert alert--success" role="status">
          {t('council.votedThanks')}
        </p>
      ) : null}
      {isOpen && !ballot.hasVoted ? (
        <form
          className="form card item-section"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const complete = ballot.results.every((r) => choices[r.nominationId]);
            setMissing(!complete);
            if (!complete) return;
            vote.mutate({ choices });
          }}
        >
          <h2>{t('council.yourVote')}</h2>
          <p className="muted">{ballot.secret ? t('council.secretHint') : t('council.openHint')}</p>
          {ballot.results.map((r, i) => {
            const err = missing && !choices[r.nominationId];
            return (
              <fieldset key={r.nominationId} className="field field--group" aria-describedby={err ? `v-${i}-error` : undefined}>
                <legend>{names.get(r.nominationId) ?? t('council.nominationN', { n: i + 1 })}</legend>
                {(['yes', 'no', 'abstain'] as const).map((c) => (
                  <div key={c} className="field field--inline">
                    <input
                      type="radio"
                      id={`v-${i}-${c}`}
                      name={`v-${r.nominationId}`}
                      checked={choices[r.nominationId] === c}
                      onChange={() => setChoices({ ...choices, [r.nominationId]: c })}
                    />
                    <label htmlFor={`v-${i}-${c}`}>{t(`council.choice.${c}`)}</label>
                  </div>
                ))}
                {err ? (
                  <p id={`v-${i}-error`} className="field__error">
                    {t('council.chooseEach')}
                  </p>
                ) : null}
              </fieldset>
            );
          })}
          <p className="field__hint">{t('council.final')}</p>
          {vote.isError ? <ErrorAlert error={vote.error} /> : null}
          <button type="submit" className="button" disabled={vote.isPending}>
            {t('council.cast')}
          </button>
        </form>
      ) : null}

      {isOpen && isSecretary ? (
        <section className="card item-section" aria-labelledby="close-title">
          <h2 id="close-title">{t('council.closeTitle')}</h2>
          <p>{t('council.closeHint', { cast: ballot.castCount, eligible: ballot.eligibleCount })}</p>
          {confirmClose ? (
            <div className="form-actions">
              <button type="button" className="button" disabled={close.isPending} onClick={() => close.mutate()}>
                {t('council.closeConfirm')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirmClose(false)}>
                {t('council.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setConfirmClose(true)}>
              {t('council.close')}
            </button>
          )}
          {close.isError ? <ErrorAlert error={close.error} /> : null}
        </section>
      ) : null}

      <section className="card item-section" aria-labelledby="tally-title">
        <h2 id="tally-title">{t('council.tally')}</h2>
        {isOpen ? (
          <p className="muted">{t('council.tallyAfterClose')}</p>
        ) : (
          <table className="work-table">
            <caption className="visually-hidden">{t('council.tally')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('council.nomination')}</th>
                <th scope="col" className="num">{t('council.choice.yes')}</th>
                <th scope="col" className="num">{t('council.choice.no')}</th>
                <th scope="col" className="num">{t('council.choice.abstain')}</th>
                <th scope="col">{t('council.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {ballot.results.map((r, i) => (
                <tr key={r.nominationId}>
                  <td data-label={t('council.nomination')}>{names.get(r.nominationId) ?? t('council.nominationN', { n: i + 1 })}</td>
                  <td className="num" data-label={t('council.choice.yes')}>{r.yes}</td>
                  <td className="num" data-label={t('council.choice.no')}>{r.no}</td>
                  <td className="num" data-label={t('council.choice.abstain')}>{r.abstain}</td>
                  <td data-label={t('council.outcome')}>
                    {r.outcome ? <span className={`badge badge--${r.outcome}`}>{t(`council.outcome.${r.outcome}`)}</span> : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!isOpen && ballot.secret ? <p className="muted">{t('council.secretNote')}</p> : null}
      </section>
    </>
  );
}
