import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommentMentionView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { createComment, listComments, mentionCandidates } from './comments.api';
import { ColleaguePicker } from './ColleaguePicker';
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

        <ColleaguePicker
          base={base}
          search={search}
          onSearch={setSearch}
          candidates={candidates}
          picked={picked}
          onPick={pick}
          onUnpick={(c) => setPicked(picked.filter((x) => x.userId !== c.userId))}
          labels={{
            searchPerson: t('comments.searchPerson'),
            searchHint: t('comments.searchHint'),
            noCandidates: t('comments.noCandidates'),
            candidates: t('comments.candidates'),
            pickedTitle: t('comments.pickedTitle'),
            pick: (c) => t('comments.pick', { name: c.fullName, username: c.username }),
            unpick: (c) => t('comments.unpick', { name: c.fullName }),
          }}
        />
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
