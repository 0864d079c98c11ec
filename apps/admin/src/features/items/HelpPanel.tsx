import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommentMentionView, HelpRequestKind, HelpRequestView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { mentionCandidates } from './comments.api';
import { ColleaguePicker } from './ColleaguePicker';
import { localized } from './field-schema';
import { askForHelp, getItemHelp, helpKeys, helpStep, type HelpStep } from './help.api';
import { itemsKeys } from './items.keys';

/**
 * "Nhờ hỗ trợ / xin đồng ký" on the item page (issue 15, line 6): where the stage's co-signing stands, the holder's
 * form to ask colleagues (picked from the people who read the item), and the requests with their state; the person
 * asked answers here (reply, or sign / decline with a reason), the holder cancels. Hidden where the stage allows no
 * request and none was made.
 */
export function HelpPanel({ itemId, meId }: { itemId: string; meId: string }) {
  const { t } = useI18n();
  const base = useId();
  const queryClient = useQueryClient();
  const help = useQuery({ queryKey: helpKeys.item(itemId), queryFn: ({ signal }) => getItemHelp(itemId, signal) });
  const [announce, setAnnounce] = useState('');
  const refresh = async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: helpKeys.all }), queryClient.invalidateQueries({ queryKey: itemsKeys.all })]);
  };

  if (help.isError) return <ErrorAlert error={help.error} />;
  const v = help.data;
  if (!v || (v.kinds.length === 0 && v.requests.length === 0)) return null;

  return (
    <section className="card item-section help-panel" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>{t('help.title')}</h2>
      {v.coSign ? (
        <p className={v.coSign.waits ? 'notice notice--warning' : 'muted'} role="status">
          {v.coSign.required ? t('help.cosign.count', { signed: v.coSign.signed, needed: v.coSign.needed, open: v.coSign.open }) : t('help.cosign.countOptional', { signed: v.coSign.signed, open: v.coSign.open })}
          {v.coSign.waits ? ` ${v.coSign.waitsForAll && v.coSign.signed >= v.coSign.needed ? t('help.cosign.waitsForAll') : t('help.cosign.waits')}` : ''}
        </p>
      ) : null}
      {v.canAsk ? <AskForm itemId={itemId} kinds={v.kinds} onDone={async (n) => { setAnnounce(t('help.asked', { count: n })); await refresh(); }} /> : null}
      {v.requests.length === 0 ? <p className="muted">{t('help.none')}</p> : (
        <ul className="help-list" aria-label={t('help.list')}>
          {v.requests.map((r) => (
            <HelpRequestRow key={r.id} r={r} meId={meId} mayCancel={r.from.userId === meId || v.canAsk} onDone={async (msg) => { setAnnounce(msg); await refresh(); }} />
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
    </section>
  );
}

function AskForm({ itemId, kinds, onDone }: { itemId: string; kinds: HelpRequestKind[]; onDone: (count: number) => Promise<void> }) {
  const { t } = useI18n();
  const base = useId();
  const [kind, setKind] = useState<HelpRequestKind>(kinds.includes('cosign') ? 'cosign' : 'help');
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<CommentMentionView[]>([]);
  const [message, setMessage] = useState('');
  const [pickNote, setPickNote] = useState('');
  const q = search.trim();
  const candidates = useQuery({ queryKey: [...helpKeys.all, 'candidates', itemId, q], queryFn: ({ signal }) => mentionCandidates(itemId, q, signal), enabled: q.length >= 2 });
  const ask = useMutation({
    mutationFn: () => askForHelp(itemId, { kind, userIds: picked.map((p) => p.userId), message }),
    onSuccess: async (rows) => {
      setPicked([]);
      setMessage('');
      setSearch('');
      await onDone(rows.length);
    },
  });
  const pick = (c: CommentMentionView) => {
    setPicked([...picked, c]);
    setSearch('');
    setPickNote(t('help.picked', { name: c.fullName }));
    document.getElementById(`${base}-search`)?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length === 0 || message.trim() === '') return;
    ask.mutate();
  };

  return (
    <form onSubmit={submit} className="help-form" aria-labelledby={`${base}-form-title`}>
      <h3 id={`${base}-form-title`}>{t('help.ask')}</h3>
      {kinds.length > 1 ? (
        <fieldset>
          <legend>{t('help.kind')}</legend>
          {kinds.map((k) => (
            <label key={k} className="radio">
              <input type="radio" name={`${base}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`help.kind.${k}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <ColleaguePicker
        base={base}
        search={search}
        onSearch={setSearch}
        candidates={candidates}
        picked={picked}
        onPick={pick}
        onUnpick={(c) => setPicked(picked.filter((x) => x.userId !== c.userId))}
        labels={{
          searchPerson: t('help.searchPerson'),
          searchHint: t('help.searchHint'),
          noCandidates: t('help.noCandidates'),
          candidates: t('help.candidates'),
          pickedTitle: t('help.pickedTitle'),
          pick: (c) => t('help.pick', { name: c.fullName, username: c.username }),
          unpick: (c) => t('help.unpick', { name: c.fullName }),
        }}
      />
      <label htmlFor={`${base}-message`}>{t('help.message')}</label>
      <textarea id={`${base}-message`} value={message} onChange={(e) => setMessage(e.target.value)} rows={2} maxLength={2000} required />
      {ask.isError ? <ErrorAlert error={ask.error} /> : null}
      <button type="submit" className="button" disabled={ask.isPending || picked.length === 0}>
        {ask.isPending ? t('help.sending') : kind === 'cosign' ? t('help.sendCosign') : t('help.sendHelp')}
      </button>
      <p className="visually-hidden" role="status" aria-live="polite">
        {pickNote}
      </p>
    </form>
  );
}

function HelpRequestRow({ r, meId, mayCancel, onDone }: { r: HelpRequestView; meId: string; mayCancel: boolean; onDone: (message: string) => Promise<void> }) {
  const { t } = useI18n();
  const base = useId();
  const [text, setText] = useState('');
  const step = useMutation({
    mutationFn: (s: HelpStep) => helpStep(r.id, s),
    onSuccess: async (_v, s) => {
      setText('');
      await onDone(t(`help.done.${s.kind}`));
    },
  });
  const isOpen = r.status === 'open';
  const mine = isOpen && r.to.userId === meId;
  return (
    <li className={`help-request help-request--${r.status}`}>
      <p className="help-request__head">
        <strong>{t(`help.kind.${r.kind}`)}</strong> · {t('help.toPerson', { name: r.to.fullName })} · <span className="badge">{t(`help.status.${r.status}`)}</span>
      </p>
      <p className="muted">
        {t('help.fromPerson', { name: r.from.fullName })} · <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
      </p>
      <p className="help-request__message">{r.message}</p>
      {r.answer ? <p className="help-request__answer">{t(r.status === 'declined' ? 'help.reason' : r.status === 'cancelled' ? 'help.cancelReason' : 'help.answer', { text: r.answer })}</p> : null}
      {mine ? (
        <form
          className="help-answer"
          aria-label={t('help.answerFor', { name: r.from.fullName })}
          onSubmit={(e) => {
            e.preventDefault();
            if (r.kind === 'help' && text.trim()) step.mutate({ kind: 'reply', text });
          }}
        >
          <label htmlFor={`${base}-text`}>{r.kind === 'help' ? t('help.replyLabel') : t('help.declineLabel')}</label>
          <textarea id={`${base}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={2000} />
          <div className="button-row">
            {r.kind === 'help' ? (
              <button type="submit" className="button" disabled={step.isPending || !text.trim()}>
                {t('help.reply')}
              </button>
            ) : (
              <>
                <button type="button" className="button" disabled={step.isPending} onClick={() => step.mutate({ kind: 'sign' })}>
                  {t('help.sign')}
                </button>
                <button type="button" className="button button--secondary" disabled={step.isPending || !text.trim()} onClick={() => step.mutate({ kind: 'decline', reason: text })}>
                  {t('help.decline')}
                </button>
              </>
            )}
          </div>
        </form>
      ) : null}
      {isOpen && mayCancel && r.to.userId !== meId ? (
        <button type="button" className="button button--secondary button--small" disabled={step.isPending} onClick={() => step.mutate({ kind: 'cancel' })}>
          {t('help.cancel', { name: r.to.fullName })}
        </button>
      ) : null}
      {step.isError ? <ErrorAlert error={step.error} /> : null}
    </li>
  );
}

/** The stage's name in the user's language (for lists outside the item page). */
export function helpStageName(r: HelpRequestView, language: 'vi' | 'en'): string {
  return localized(r.stageName ?? undefined, language, '');
}
