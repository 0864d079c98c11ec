import { useEffect, useState } from 'react';
import type { AchievementReport, DocumentView, DossierView, NominatingMeeting, NominationView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/i18n-context';
import type { PlainMessageKey } from '../../i18n/dictionary';
import { downloadDocument, downloadDocumentPdf } from './campaigns.api';
import { useDossier, useSaveDossier, useSetPosting, useSignDossierDocument } from './campaigns.hooks';

/** Labels of the API's missing-part codes (`achievement_report.duties` → the report's field). */
const MISSING_LABELS: Record<string, PlainMessageKey> = {
  proposal: 'dossier.missing.proposal',
  achievement_report: 'dossier.missing.report',
  meeting: 'dossier.missing.meeting',
  meeting_minutes: 'dossier.missing.meetingMinutes',
  meeting_vote_not_passed: 'dossier.missing.meetingVote',
  confirmation: 'dossier.missing.confirmation',
  'achievement_report.position': 'dossier.report.position',
  'achievement_report.overview': 'dossier.report.overview',
  'achievement_report.memberCount': 'dossier.report.memberCount',
  'achievement_report.duties': 'dossier.report.duties',
  'achievement_report.achievements': 'dossier.report.achievements',
  'achievement_report.measures': 'dossier.report.measures',
};

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
const toInt = (s: string) => (s.trim() === '' ? undefined : Number.parseInt(s, 10));

/**
 * The commendation dossier of one nomination (Luật Thi đua, Khen thưởng, Điều 84): the structured achievement
 * report and the nominating meeting (saved into the item's data), the tờ trình and the meeting's biên bản
 * (generated and signed in the unit's register), the public posting, the council's minutes and the decision,
 * each downloadable as .docx and .pdf; and what the API says is still missing before the nomination may go on.
 */
export function DossierPanel({ nomination }: { nomination: NominationView }) {
  const t = useT();
  const dossier = useDossier(nomination.id);
  const d = dossier.data;
  const missingLabel = (code: string) => (MISSING_LABELS[code] ? `${code.startsWith('achievement_report.') ? `${t('dossier.missing.report')}: ` : ''}${t(MISSING_LABELS[code]!)}` : code);
  if (dossier.isError) return <ErrorAlert error={dossier.error} />;
  if (!d) return null;
  return (
    <section className="card item-section" aria-labelledby="dossier-title">
      <h2 id="dossier-title">{t('dossier.title')}</h2>
      {d.missingToSubmit.length > 0 || d.missingToForward.length > 0 ? (
        <div className="alert" role="status" aria-label={t('dossier.problems')}>
          <p className="alert__title">{t('dossier.problems')}</p>
          <ul>
            {[...new Set([...d.missingToSubmit, ...d.missingToForward])].map((code) => (
              <li key={code}>{missingLabel(code)}{d.missingToSubmit.includes(code) ? '' : ` (${t('dossier.missing.beforeForward')})`}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">{t('dossier.complete')}</p>
      )}
      <ReportForm nominationId={nomination.id} kind={nomination.nomineeKind} dossier={d} />
      <SignDocuments nominationId={nomination.id} dossier={d} />
      {d.postingRequired ? <Posting nominationId={nomination.id} dossier={d} /> : null}
      {d.confirmation ? <p>{t('dossier.confirmedBy', { name: d.confirmation.byName, text: d.confirmation.text })}</p> : null}
      <h3>{t('dossier.documents')}</h3>
      <ul className="task-list">
        {([['dossier.doc.proposal', d.proposal], ['dossier.doc.meetingMinutes', d.meetingMinutes], ['dossier.doc.councilMinutes', d.councilMinutes], ['dossier.doc.decision', d.decision]] as const).map(([label, doc]) => (
          <li key={label} className="task">
            <p className="task__title">{t(label)}: {doc ? (doc.symbol ?? t('dossier.draft')) : t('dossier.none')}</p>
            {doc ? <DownloadButtons doc={doc} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** .docx and .pdf of one document of the register. */
export function DownloadButtons({ doc, docxLabel }: { doc: Pick<DocumentView, 'id' | 'symbol'>; docxLabel?: string }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const base = (doc.symbol ?? doc.id.slice(0, 8)).replace(/\//g, '-');
  const run = (p: Promise<unknown>) => {
    setBusy(true);
    setError(null);
    p.catch((e: unknown) => setError(e)).finally(() => setBusy(false));
  };
  return (
    <p className="task__meta">
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => run(downloadDocument(doc.id, `${base}.docx`))}>
        {docxLabel ?? t('dossier.download.docx')}
      </button>{' '}
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => run(downloadDocumentPdf(doc.id, `${base}.pdf`))}>
        {t('dossier.download.pdf')}
      </button>
      {error ? <ErrorAlert error={error} /> : null}
    </p>
  );
}

function ReportForm({ nominationId, kind, dossier }: { nominationId: string; kind: NominationView['nomineeKind']; dossier: DossierView }) {
  const t = useT();
  const save = useSaveDossier(nominationId);
  const r = dossier.report;
  const m = dossier.meeting;
  const [f, setF] = useState<Record<string, string>>({});
  useEffect(() => {
    setF({
      position: r?.position ?? '',
      birthYear: r?.birthYear ? String(r.birthYear) : '',
      overview: r?.overview ?? '',
      memberCount: r?.memberCount !== undefined ? String(r.memberCount) : '',
      duties: r?.duties ?? '',
      achievements: (r?.achievements ?? []).map((a) => (a.year ? `${a.year}: ${a.text}` : a.text)).join('\n'),
      measures: r?.measures ?? '',
      priorAwards: (r?.priorAwards ?? []).map((p) => `${p.year} | ${p.form} | ${p.decision}`).join('\n'),
      date: m?.date ?? '',
      members: m ? String(m.members) : '',
      present: m ? String(m.present) : '',
      yes: m ? String(m.yes) : '',
      no: m ? String(m.no) : '',
      abstain: m ? String(m.abstain) : '0',
      chair: m?.chair ?? '',
      secretary: m?.secretary ?? '',
    });
  }, [r, m]);
  const locked = dossier.proposal?.status === 'signed';
  const field = (name: string, label: PlainMessageKey, type: 'text' | 'textarea' | 'number' | 'date' = 'text') => (
    <div className="field" key={name}>
      <label htmlFor={`dossier-${name}`}>{t(label)}</label>
      {type === 'textarea' ? (
        <textarea id={`dossier-${name}`} value={f[name] ?? ''} disabled={locked} onChange={(e) => setF({ ...f, [name]: e.target.value })} rows={3} />
      ) : (
        <input id={`dossier-${name}`} type={type} value={f[name] ?? ''} disabled={locked} onChange={(e) => setF({ ...f, [name]: e.target.value })} />
      )}
    </div>
  );
  const submit = () => {
    const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
    const report: AchievementReport = {
      position: kind === 'individual' ? opt(f.position) : undefined,
      birthYear: kind === 'individual' ? toInt(f.birthYear ?? '') : undefined,
      overview: opt(f.overview),
      memberCount: kind === 'collective' ? toInt(f.memberCount ?? '') : undefined,
      duties: opt(f.duties),
      achievements: lines(f.achievements ?? '').map((l) => {
        const hit = /^(\d{4}):\s*(.+)$/.exec(l);
        return hit ? { year: Number(hit[1]), text: hit[2]! } : { text: l };
      }),
      measures: opt(f.measures),
      priorAwards: lines(f.priorAwards ?? '')
        .map((l) => l.split('|').map((c) => c.trim()))
        .filter((c) => c.length === 3 && /^\d{4}$/.test(c[0]!))
        .map(([year, form, decision]) => ({ year: Number(year), form: form!, decision: decision! })),
    };
    const hasMeeting = Boolean(f.date && f.members && f.chair && f.secretary);
    const meeting: NominatingMeeting | undefined = hasMeeting
      ? { date: f.date!, members: toInt(f.members!) ?? 0, present: toInt(f.present ?? '') ?? 0, yes: toInt(f.yes ?? '') ?? 0, no: toInt(f.no ?? '') ?? 0, abstain: toInt(f.abstain ?? '') ?? 0, chair: f.chair!.trim(), secretary: f.secretary!.trim() }
      : undefined;
    save.mutate({ report, ...(meeting ? { meeting } : {}) });
  };
  return (
    <form className="form" noValidate aria-label={t('dossier.report.title')} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <fieldset className="field field--group">
        <legend>{t('dossier.report.title')}</legend>
        {kind === 'individual' ? [field('position', 'dossier.report.position'), field('birthYear', 'dossier.report.birthYear', 'number')] : field('memberCount', 'dossier.report.memberCount', 'number')}
        {field('overview', 'dossier.report.overview', 'textarea')}
        {field('duties', 'dossier.report.duties', 'textarea')}
        {field('achievements', 'dossier.report.achievementsHint', 'textarea')}
        {field('measures', 'dossier.report.measures', 'textarea')}
        {field('priorAwards', 'dossier.report.priorAwardsHint', 'textarea')}
      </fieldset>
      <fieldset className="field field--group">
        <legend>{t('dossier.meeting.title')}</legend>
        {field('date', 'dossier.meeting.date', 'date')}
        {field('members', 'dossier.meeting.members', 'number')}
        {field('present', 'dossier.meeting.present', 'number')}
        {field('yes', 'dossier.meeting.yes', 'number')}
        {field('no', 'dossier.meeting.no', 'number')}
        {field('abstain', 'dossier.meeting.abstain', 'number')}
        {field('chair', 'dossier.meeting.chair')}
        {field('secretary', 'dossier.meeting.secretary')}
      </fieldset>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      {locked ? null : (
        <button type="submit" className="button" disabled={save.isPending}>
          {t('dossier.save')}
        </button>
      )}
    </form>
  );
}

function SignDocuments({ nominationId, dossier }: { nominationId: string; dossier: DossierView }) {
  const t = useT();
  const sign = useSignDossierDocument(nominationId);
  const [signerName, setSignerName] = useState('');
  if (dossier.proposal?.status === 'signed' && dossier.meetingMinutes?.status === 'signed') return null;
  return (
    <div className="form">
      <div className="field">
        <label htmlFor="dossier-signer">{t('dossier.signer')}</label>
        <input id="dossier-signer" value={signerName} onChange={(e) => setSignerName(e.target.value)} />
      </div>
      {sign.isError ? <ErrorAlert error={sign.error} /> : null}
      {dossier.meetingMinutes?.status === 'signed' ? null : (
        <button type="button" className="button button--secondary" disabled={sign.isPending || !signerName.trim()} onClick={() => sign.mutate({ which: 'minutes', body: { signerName: signerName.trim() } })}>
          {t('dossier.signMinutes')}
        </button>
      )}{' '}
      {dossier.proposal?.status === 'signed' ? null : (
        <button type="button" className="button button--secondary" disabled={sign.isPending || !signerName.trim()} onClick={() => sign.mutate({ which: 'proposal', body: { signerName: signerName.trim() } })}>
          {t('dossier.signProposal')}
        </button>
      )}
    </div>
  );
}

function Posting({ nominationId, dossier }: { nominationId: string; dossier: DossierView }) {
  const t = useT();
  const set = useSetPosting(nominationId);
  const [v, setV] = useState({ from: dossier.posting?.from ?? '', to: dossier.posting?.to ?? '', place: dossier.posting?.place ?? '' });
  return (
    <form className="form" noValidate aria-label={t('dossier.posting.title')} onSubmit={(e) => { e.preventDefault(); set.mutate(v); }}>
      <fieldset className="field field--group">
        <legend>{t('dossier.posting.title')}</legend>
        {dossier.posting ? <p>{t('dossier.posting.current', { from: dossier.posting.from, to: dossier.posting.to, place: dossier.posting.place })}</p> : <p className="muted">{t('dossier.posting.none')}</p>}
        {(['from', 'to'] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`posting-${k}`}>{t(k === 'from' ? 'dossier.posting.from' : 'dossier.posting.to')}</label>
            <input id={`posting-${k}`} type="date" value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="posting-place">{t('dossier.posting.place')}</label>
          <input id="posting-place" value={v.place} onChange={(e) => setV({ ...v, place: e.target.value })} />
        </div>
      </fieldset>
      {set.isError ? <ErrorAlert error={set.error} /> : null}
      <button type="submit" className="button button--secondary" disabled={set.isPending || !v.from || !v.to || !v.place.trim()}>
        {t('dossier.posting.save')}
      </button>
    </form>
  );
}
