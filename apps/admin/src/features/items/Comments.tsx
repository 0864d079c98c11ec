import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommentMentionView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { createComment, listComments, mentionCandidates } from './comments.api';
import { itemsKeys } from './items.keys';

const commentKeys = {
  list: (id: string) => [...itemsKeys.all, 'comments', id] as const,
  candidates: (id: string, q: string) => [...itemsKeys.all, 'mention-candidates', id, q] as const,
};

/**
 * The item's comments (author, dd/mm/yyyy time) and a form to add one. People are mentioned by typing
 * `@username` or by picking them from the search below the text (only people who can read the item are offered).
 */
export function Comments({ itemId }: { itemId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const base = useId();
  const [body, setBody] = useState('');
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<CommentMentionView[]>([]);
  const [announce, setAnnounce] = useState('');
  const list = useQuery({ queryKey: commentKeys.list(itemId), queryFn: ({ signal }) => listComments(itemId, signal) });
  const q = search.trim();
  const candidates = useQuery({ queryKey: commentKeys.candidates(itemId, q), queryFn: ({ signal }) => mentionCandidates(itemId, q, signal), enabled: q.length >= 2 });
  const add = useMutation({
    mutationFn: () => createComment(itemId, { body, mentionUserIds: picked.length > 0 ? picked.map((p) => p.userId) : undefined }),
    onSuccess: async () => {
      setBody('');
      setPicked([]);
      setSearch('');
      setAnnounce(t('comments.added'));
      await queryClient.invalidateQueries({ queryKey: commentKeys.list(itemId) });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim().length === 0) return;
    add.mutate();
  };

  const pick = (c: CommentMentionView) => {
    if (!picked.some((p) => p.userId === c.userId)) setPicked([...picked, c]);
    setSearch('');
    setAnnounce(t('comments.mentionAdded', { name: c.fullName }));
    document.getElementById(`${base}-search`)?.focus();
  };

  const offered = (candidates.data ?? []).filter((c) => !picked.some((p) => p.userId === c.userId));

  return (
    <section className="card item-section" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>{t('comments.title')}</h2>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.length === 0 ? <p className="muted">{t('comments.none')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ol className="comment-list" aria-label={t('comments.title')}>
          {list.data.map((c) => (
            <li key={c.id} className="comment">
              <p className="comment__meta">
                <strong>{c.authorName}</strong> · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </p>
              <p className="comment__body">{c.body}</p>
              {c.mentions.length > 0 ? <p className="comment__mentions muted">{t('comments.mentioned', { names: c.mentions.map((m) => m.fullName).join(', ') })}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}

      <form onSubmit={submit} className="comment-form" aria-labelledby={`${base}-form-title`}>
        <h3 id={`${base}-form-title`}>{t('comments.new')}</h3>
        <label htmlFor={`${base}-body`}>{t('comments.body')}</label>
        <textarea id={`${base}-body`} value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={5000} aria-describedby={`${base}-hint`} required />
        <p id={`${base}-hint`} className="muted">{t('comments.hint')}</p>

        <label htmlFor={`${base}-search`}>{t('comments.searchPerson')}</label>
        <input id={`${base}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" aria-describedby={`${base}-search-hint`} />
        <p id={`${base}-search-hint`} className="muted">{t('comments.searchHint')}</p>
        {q.length >= 2 && candidates.data && offered.length === 0 ? <p className="muted">{t('comments.noCandidates')}</p> : null}
        {candidates.isError ? <ErrorAlert error={candidates.error} /> : null}
        {offered.length > 0 ? (
          <ul className="comment-candidates" aria-label={t('comments.candidates')}>
            {offered.map((c) => (
              <li key={c.userId}>
                <button type="button" className="button button--secondary button--small" onClick={() => pick(c)}>
                  {t('comments.pick', { name: c.fullName, username: c.username })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {picked.length > 0 ? (
          <div>
            <p>{t('comments.pickedTitle')}</p>
            <ul className="comment-picked">
              {picked.map((p) => (
                <li key={p.userId}>
                  {p.fullName}{' '}
                  <button type="button" className="button button--secondary button--small" onClick={() => setPicked(picked.filter((x) => x.userId !== p.userId))}>
                    {t('comments.unpick', { name: p.fullName })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? t('comments.sending') : t('comments.send')}
        </button>
        <p className="visually-hidden" role="status" aria-live="polite">
          {announce}
        </p>
      </form>
    </section>
  );
}
