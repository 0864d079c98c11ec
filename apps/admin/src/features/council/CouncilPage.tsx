import { useState } from 'react';
import type { BallotView, CampaignView, NominationView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { usePendingFocus, type PendingFocus } from '../../components/use-pending-focus';
import { useT } from '../../i18n/i18n-context';
import { useMe } from '../auth/auth.hooks';
import { DownloadButtons } from '../campaigns/DossierPanel';
import { useAwardFormNames, useCampaigns, useNominations } from '../campaigns/campaigns.hooks';
import { useBallots, useCastVotes, useCloseBallots, useIssueDecision } from './council.hooks';
import '../items/items.css';

type Choice = 'yes' | 'no' | 'abstain';
const pct = (x: number) => `${(Math.round(x * 10000) / 100).toString().replace('.', ',')}%`;

/**
 * The council's page. Every ballot the signed-in user may read comes from the API (a ballot is the vote stage of one
 * nomination's work item): members vote on the open ones they may vote in, the secretary closes them, and once
 * closed the tally and the outcome are shown. Supervisors of the council's unit then sign the decisions of the
 * nominations that passed; each decision is numbered by the register and downloadable. What the user may do on a
 * ballot (`mayVote`, `mayClose`) is the API's answer, not a rule of the browser.
 */
export default function CouncilPage() {
  const t = useT();
  usePageTitle(t('nav.council'));
  const ballots = useBallots();
  const campaigns = useCampaigns();
  const titles = new Map((campaigns.data ?? []).map((c) => [c.id, c.title]));
  const all = ballots.data ?? [];
  const open = all.filter((b) => b.status === 'open');
  const closed = all.filter((b) => b.status === 'closed');
  const byCampaign = (list: BallotView[]) => [...new Set(list.map((b) => b.campaignId))].map((id) => ({ id, title: titles.get(id) ?? '', ballots: list.filter((b) => b.campaignId === id) }));
  const decidingCampaigns = (campaigns.data ?? []).filter((c) => closed.some((b) => b.campaignId === c.id));
  // Voting, closing and signing take their form off the page: the focus goes to what replaces it.
  const focus = usePendingFocus();

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.council')}</h1>
      {ballots.isPending ? <PageLoading /> : null}
      {ballots.isError ? <ErrorAlert error={ballots.error} /> : null}
      <h2>{t('council.openVotes')}</h2>
      {ballots.data && open.length === 0 ? <p className="muted">{t('council.noOpenVotes')}</p> : null}
      {byCampaign(open).map((g) => (
        <OpenBallots key={g.id} title={g.title} ballots={g.ballots} first={g.ballots[0]!} focus={focus} />
      ))}
      {closed.length > 0 ? (
        <>
          <h2>{t('council.closedVotes')}</h2>
          {byCampaign(closed).map((g) => (
            <ClosedBallots key={g.id} title={g.title} ballots={g.ballots} focus={focus} />
          ))}
        </>
      ) : null}
      {decidingCampaigns.map((c) => (
        <Decisions key={c.id} campaign={c} focus={focus} />
      ))}
    </section>
  );
}

function BallotLabel({ ballot }: { ballot: BallotView }) {
  const forms = useAwardFormNames();
  return (
    <>
      {/* The award form by its catalogue name; until the catalogue has arrived, the nominee alone (never the code). */}
      {ballot.nomineeName}
      {forms.has(ballot.awardForm) ? ` — ${forms.get(ballot.awardForm)}` : ''}
    </>
  );
}

function OpenBallots({ title, ballots, first, focus }: { title: string; ballots: BallotView[]; first: BallotView; focus: PendingFocus }) {
  const t = useT();
  const vote = useCastVotes();
  const close = useCloseBallots();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [missing, setMissing] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const votable = ballots.filter((b) => b.mayVote);
  const closable = ballots.filter((b) => b.mayClose);
  const prefix = `b-${first.campaignId.slice(0, 8)}`;

  return (
    <section className="card item-section" aria-label={title}>
      <h3>{title}</h3>
      <p className="muted">
        {first.secret ? t('council.secret') : t('council.open')} ·{' '}
        {t('council.rulesText', { quorum: pct(first.quorum), pass: pct(first.passRatio), basis: first.passBasis === 'eligible' ? t('council.basis.eligible') : t('council.basis.cast') })}
      </p>
      <ul className="task-list">
        {ballots.map((b) => (
          <li key={b.id} className="task">
            <p className="task__title">
              <BallotLabel ballot={b} />
            </p>
            <p className="task__meta">
              {t('council.castOf', { cast: b.castCount, eligible: b.eligibleCount })}
              {b.hasVoted ? ` · ${t('council.youVoted')}` : ''}
            </p>
          </li>
        ))}
      </ul>
      <p className="muted">{t('council.tallyAfterClose')}</p>
      {votable.length > 0 ? (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const complete = votable.every((b) => choices[b.id]);
            setMissing(!complete);
            if (!complete) return;
            vote.mutate({ choices: Object.fromEntries(votable.map((b) => [b.id, choices[b.id] as Choice])) }, {
              onSuccess: () => {
                setChoices({});
                focus.request(`voted:${first.campaignId}`);
              },
            });
          }}
        >
          <h4>{t('council.yourVote')}</h4>
          <p className="muted">{first.secret ? t('council.secretHint') : t('council.openHint')}</p>
          {votable.map((b, i) => {
            const err = missing && !choices[b.id];
            return (
              <fieldset key={b.id} className="field field--group" aria-describedby={err ? `${prefix}-${i}-error` : undefined}>
                <legend>
                  <BallotLabel ballot={b} />
                </legend>
                {(['yes', 'no', 'abstain'] as const).map((c) => (
                  <div key={c} className="field field--inline">
                    <input type="radio" id={`${prefix}-${i}-${c}`} name={`${prefix}-${b.id}`} checked={choices[b.id] === c} onChange={() => setChoices({ ...choices, [b.id]: c })} />
                    <label htmlFor={`${prefix}-${i}-${c}`}>{t(`council.choice.${c}`)}</label>
                  </div>
                ))}
                {err ? (
                  <p id={`${prefix}-${i}-error`} className="field__error">
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
      ) : ballots.some((b) => b.hasVoted) ? (
        <p className="alert alert--success" role="status" tabIndex={-1} ref={focus.refFor(`voted:${first.campaignId}`)}>
          {t('council.votedThanks')}
        </p>
      ) : null}
      {closable.length > 0 ? (
        <div className="item-section">
          <h4>{t('council.closeTitle')}</h4>
          <p>{t('council.closeHint', { cast: first.castCount, eligible: first.eligibleCount })}</p>
          {confirmClose ? (
            <div className="form-actions">
              <button
                type="button"
                className="button"
                autoFocus
                disabled={close.isPending}
                onClick={() =>
                  close.mutate(
                    { ballotIds: closable.map((b) => b.id) },
                    {
                      onSuccess: () => {
                        setConfirmClose(false);
                        focus.request(`closed:${first.campaignId}`);
                      },
                    },
                  )
                }
              >
                {t('council.closeConfirm')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  focus.request(`close:${first.campaignId}`);
                  setConfirmClose(false);
                }}
              >
                {t('council.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" className="button button--secondary" ref={focus.refFor(`close:${first.campaignId}`)} onClick={() => setConfirmClose(true)}>
              {t('council.close')}
            </button>
          )}
          {close.isError ? <ErrorAlert error={close.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function ClosedBallots({ title, ballots, focus }: { title: string; ballots: BallotView[]; focus: PendingFocus }) {
  const t = useT();
  return (
    <section className="card item-section" aria-label={title} tabIndex={-1} ref={focus.refFor(`closed:${ballots[0]?.campaignId ?? ''}`)}>
      <h3>{title}</h3>
      <table className="work-table">
        <caption>{t('council.tally')}</caption>
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
          {ballots.map((b) => (
            <tr key={b.id}>
              <td data-label={t('council.nomination')}>
                <BallotLabel ballot={b} />
              </td>
              <td className="num" data-label={t('council.choice.yes')}>{b.tally?.yes ?? '—'}</td>
              <td className="num" data-label={t('council.choice.no')}>{b.tally?.no ?? '—'}</td>
              <td className="num" data-label={t('council.choice.abstain')}>{b.tally?.abstain ?? '—'}</td>
              <td data-label={t('council.outcome')}>{b.outcome ? <span className={`badge badge--${b.outcome}`}>{t(`council.outcome.${b.outcome}`)}</span> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ballots.some((b) => b.secret) ? <p className="muted">{t('council.secretNote')}</p> : null}
    </section>
  );
}

/** The standing committee signs the decisions of the nominations that passed; the signed ones can be downloaded. */
function Decisions({ campaign, focus }: { campaign: CampaignView; focus: PendingFocus }) {
  const t = useT();
  const me = useMe();
  const passed = useNominations(campaign.id, { status: 'passed' });
  const awarded = useNominations(campaign.id, { status: 'awarded' });
  const issue = useIssueDecision(campaign.id);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const forms = useAwardFormNames();
  const isSupervisor = me.data?.roles.some((r) => r.role === 'supervisor' && r.unitId === campaign.launchingUnit.id) ?? false;
  const waiting = passed.data ?? [];
  const signed = (awarded.data ?? []).filter((n) => n.decisionDocumentId);
  if (waiting.length === 0 && signed.length === 0) return null;
  const prefix = `d-${campaign.id.slice(0, 8)}`;
  const label = (n: NominationView) => (forms.has(n.awardForm) ? `${n.nomineeName} — ${forms.get(n.awardForm)}` : n.nomineeName);

  return (
    <section className="card item-section" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`} tabIndex={-1} ref={signed.length > 0 ? focus.refFor(`signed:${campaign.id}`) : undefined}>
        {t('council.decisions.title', { campaign: campaign.title })}
      </h2>
      {waiting.length > 0 && isSupervisor ? (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen.size === 0) return;
            issue.mutate(
              { nominationIds: [...chosen] },
              {
                onSuccess: () => {
                  setChosen(new Set());
                  focus.request(`signed:${campaign.id}`);
                },
              },
            );
          }}
        >
          <fieldset className="field field--group">
            <legend>{t('council.decisions.waiting')}</legend>
            {waiting.map((n) => (
              <div key={n.id} className="field field--inline">
                <input
                  id={`${prefix}-${n.id}`}
                  type="checkbox"
                  checked={chosen.has(n.id)}
                  onChange={() => {
                    const next = new Set(chosen);
                    if (next.has(n.id)) next.delete(n.id);
                    else next.add(n.id);
                    setChosen(next);
                  }}
                />
                <label htmlFor={`${prefix}-${n.id}`}>{label(n)}</label>
              </div>
            ))}
          </fieldset>
          {issue.isError ? <ErrorAlert error={issue.error} /> : null}
          <button type="submit" className="button" disabled={issue.isPending || chosen.size === 0}>
            {t('council.decisions.sign')}
          </button>
        </form>
      ) : null}
      {waiting.length > 0 && !isSupervisor ? <p className="muted">{t('council.decisions.waitingCount', { n: waiting.length })}</p> : null}
      {signed.length > 0 ? (
        <ul className="task-list">
          {/* One decision lists every nomination decided with it: one entry per QĐ. */}
          {[...new Set(signed.map((n) => n.decisionDocumentId!))].map((docId) => {
            const inIt = signed.filter((n) => n.decisionDocumentId === docId);
            return (
              <li key={docId} className="task">
                <p className="task__title">{inIt.map(label).join('; ')}</p>
                <DownloadButtons doc={{ id: docId, symbol: null }} docxLabel={t('council.decisions.download')} />
                {inIt[0]!.councilMinutesDocumentId ? <DownloadButtons doc={{ id: inIt[0]!.councilMinutesDocumentId, symbol: null }} docxLabel={t('council.minutes.download')} /> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
