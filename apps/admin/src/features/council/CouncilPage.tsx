import { lazy, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import type { CampaignView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/auth.hooks';
import { useAwardFormNames, useCampaigns, useNominations } from '../campaigns/campaigns.hooks';
import { useInbox } from '../inbox/inbox.hooks';
import { useBallots, useOpenBallot } from './council.hooks';
import { ballotIdFrom, rememberBallot, useKnownBallots } from './known-ballots';
import '../items/items.css';

const BallotPage = lazy(() => import('./BallotPage'));

export default function CouncilPage() {
  return (
    <Routes>
      <Route index element={<CouncilHome />} />
      <Route path="ballots/:id" element={<BallotPage />} />
    </Routes>
  );
}

/** Open votes (ballots and vote-stage items), past ballots with their tally, and for the secretary: open a ballot. */
function CouncilHome() {
  const t = useT();
  usePageTitle(t('nav.council'));
  const me = useMe();
  const navigate = useNavigate();
  const known = useKnownBallots();
  const ballots = useBallots(known);
  const inbox = useInbox({ sort: 'due_at' });
  // A campaign's nominations are voted in its ballots (listed above), not on the items themselves.
  const voteItems = (inbox.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (i) => i.assignedRole === 'council_member' && !(i.workflow === 'commendation' && i.campaignId !== null),
  );
  const isSecretary = me.data?.roles.some((r) => r.role === 'council_secretary') ?? false;
  const [link, setLink] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const loaded = ballots.map((b, i) => ({ id: known[i] ?? '', data: b.data, error: b.error }));
  const open = loaded.filter((b) => b.data?.status === 'open');
  const closed = loaded.filter((b) => b.data?.status === 'closed');

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.council')}</h1>
      <h2>{t('council.openVotes')}</h2>
      {open.length === 0 && voteItems.length === 0 ? <p className="muted">{t('council.noOpenVotes')}</p> : null}
      <ul className="task-list">
        {open.map((b) => (
          <li key={b.id} className="card task">
            <p className="task__title">
              <Link to={`/council/ballots/${b.id}`}>{t('council.ballotTitle', { date: formatDateTime(b.data?.openedAt) })}</Link>
            </p>
            <p className="task__meta">
              {t('council.castOf', { cast: b.data?.castCount ?? 0, eligible: b.data?.eligibleCount ?? 0 })} ·{' '}
              {b.data?.hasVoted ? t('council.youVoted') : t('council.youHaveNotVoted')}
              {b.data?.secret ? ` · ${t('council.secret')}` : ''}
            </p>
          </li>
        ))}
        {voteItems.map((i) => (
          <li key={i.id} className="card task">
            <p className="task__title">
              <Link to={`/items/${i.id}`}>{i.title}</Link>
            </p>
            <p className="task__meta">
              {t('council.voteItem')}
              {i.dueAt ? ` · ${t('home.dueBy', { date: formatDate(i.dueAt) })}` : ''}
            </p>
          </li>
        ))}
      </ul>
      <form
        className="form card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const id = ballotIdFrom(link);
          if (!id) {
            setLinkError(t('council.badLink'));
            return;
          }
          rememberBallot(id);
          navigate(`/council/ballots/${id}`);
        }}
      >
        <div className="field">
          <label htmlFor="ballot-link">{t('council.openByLink')}</label>
          <input
            id="ballot-link"
            type="text"
            value={link}
            onChange={(e) => setLink(e.target.value)}
            aria-invalid={linkError ? true : undefined}
            aria-describedby={linkError ? 'ballot-link-error' : 'ballot-link-hint'}
          />
          <p id="ballot-link-hint" className="field__hint">
            {t('council.openByLinkHint')}
          </p>
          {linkError ? (
            <p id="ballot-link-error" className="field__error">
              {linkError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--secondary">
          {t('council.go')}
        </button>
      </form>
      {closed.length > 0 ? (
        <>
          <h2>{t('council.closedVotes')}</h2>
          <ul className="task-list">
            {closed.map((b) => (
              <li key={b.id} className="card task">
                <p className="task__title">
                  <Link to={`/council/ballots/${b.id}`}>{t('council.ballotTitle', { date: formatDateTime(b.data?.openedAt) })}</Link>
                </p>
                <p className="task__meta">{t('council.closedAt', { date: formatDateTime(b.data?.closedAt) })}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {isSecretary ? <SecretaryPanel /> : null}
    </section>
  );
}

function SecretaryPanel() {
  const t = useT();
  const campaigns = useCampaigns();
  return (
    <section aria-labelledby="secretary-title">
      <h2 id="secretary-title">{t('council.secretary.title')}</h2>
      {campaigns.isPending ? <PageLoading /> : null}
      {campaigns.isError ? <ErrorAlert error={campaigns.error} /> : null}
      {(campaigns.data ?? []).map((c) => (
        <OpenBallotForm key={c.id} campaign={c} />
      ))}
    </section>
  );
}

function OpenBallotForm({ campaign }: { campaign: CampaignView }) {
  const t = useT();
  const navigate = useNavigate();
  const appraised = useNominations(campaign.id, { status: 'appraised' });
  const noQuorum = useNominations(campaign.id, { status: 'no_quorum' });
  const open = useOpenBallot(campaign.id);
  const forms = useAwardFormNames();
  const candidates = [...(appraised.data ?? []), ...(noQuorum.data ?? [])];
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [secret, setSecret] = useState(true);
  const [quorum, setQuorum] = useState('66.67');
  const [passRatio, setPassRatio] = useState('90');
  const [error, setError] = useState<string | null>(null);
  if (candidates.length === 0) return null;
  const prefix = `ob-${campaign.id.slice(0, 8)}`;

  return (
    <form
      className="form card item-section"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const q = Number(quorum.replace(',', '.'));
        const p = Number(passRatio.replace(',', '.'));
        if (chosen.size === 0) return setError(t('council.secretary.chooseNominations'));
        if (!(q >= 0 && q <= 100 && p >= 0 && p <= 100)) return setError(t('council.secretary.badRatio'));
        setError(null);
        open.mutate(
          { nominationIds: [...chosen], secret, quorum: q / 100, passRatio: p / 100 },
          {
            onSuccess: (ballot) => {
              rememberBallot(ballot.id);
              navigate(`/council/ballots/${ballot.id}`);
            },
          },
        );
      }}
    >
      <h3>{campaign.title}</h3>
      <fieldset className="field field--group">
        <legend>{t('council.secretary.nominations')}</legend>
        {candidates.map((n) => (
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
            <label htmlFor={`${prefix}-${n.id}`}>
              {n.nomineeName} — {forms.get(n.awardForm) ?? n.awardForm}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="field field--inline">
        <input id={`${prefix}-secret`} type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} />
        <label htmlFor={`${prefix}-secret`}>{t('council.secretary.secret')}</label>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-quorum`}>{t('council.secretary.quorum')}</label>
        <input id={`${prefix}-quorum`} type="text" inputMode="decimal" value={quorum} onChange={(e) => setQuorum(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-pass`}>{t('council.secretary.passRatio')}</label>
        <input id={`${prefix}-pass`} type="text" inputMode="decimal" value={passRatio} onChange={(e) => setPassRatio(e.target.value)} />
      </div>
      {error ? <p className="field__error" role="alert">{error}</p> : null}
      {open.isError ? <ErrorAlert error={open.error} /> : null}
      <button type="submit" className="button" disabled={open.isPending}>
        {t('council.secretary.open')}
      </button>
    </form>
  );
}
