import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedFilterPage, SavedFilterView } from '@thidua/contracts';
import { describeError } from '../../api/describe-error';
import { useI18n } from '../../i18n/i18n-context';
import '../items/items.css';
import './saved-filters.css';
import { createSavedFilter, deleteSavedFilter, listSavedFilters, renameSavedFilter, savedFilterKeys } from './saved-filters.api';

interface SavedFiltersProps {
  page: SavedFilterPage;
  /** The page's filters now (its URL parameters, only the keys the page saves). */
  current: Record<string, string>;
  onApply(filters: Record<string, string>): void;
}

/**
 * A list page's saved filters (issue 19, line 5): save the filters in force under a name, apply one (the page's URL
 * changes), rename or delete it. Stored per user on the server; errors are the API's sentences.
 */
export function SavedFilters({ page, current, onApply }: SavedFiltersProps) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: savedFilterKeys.page(page), queryFn: ({ signal }) => listSavedFilters(page, signal) });
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: savedFilterKeys.page(page) });
  const fail = (e: unknown) => setMessage({ text: describeError(e, t, language), isError: true });
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const save = useMutation({
    mutationFn: () => createSavedFilter(page, name.trim(), current),
    onSuccess: (f) => {
      setName('');
      setMessage({ text: t('savedFilters.saved', { name: f.name }), isError: false });
      void refresh();
    },
    onError: fail,
  });
  const rename = useMutation({
    mutationFn: (r: { id: string; name: string }) => renameSavedFilter(r.id, r.name.trim()),
    onSuccess: (f) => {
      setRenaming(null);
      setMessage({ text: t('savedFilters.renamed', { name: f.name }), isError: false });
      void refresh().then(() => focusLater(`sf-apply-${f.id}`));
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (f: SavedFilterView) => deleteSavedFilter(f.id).then(() => f),
    onSuccess: (f) => {
      setDeleting(null);
      setMessage({ text: t('savedFilters.deleted', { name: f.name }), isError: false });
      void refresh().then(() => focusLater(`sf-name-${page}`));
    },
    onError: fail,
  });

  const filters = list.data ?? [];
  return (
    <section className="saved-filters card" aria-labelledby={`sf-title-${page}`}>
      <h2 id={`sf-title-${page}`} className="saved-filters__title">
        {t('savedFilters.title')}
      </h2>
      <form
        className="saved-filters__save"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          if (name.trim() === '') {
            setMessage({ text: t('savedFilters.nameRequired'), isError: true });
            focusLater(`sf-name-${page}`);
            return;
          }
          save.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`sf-name-${page}`}>{t('savedFilters.name')}</label>
          <input id={`sf-name-${page}`} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={save.isPending}>
          {t('savedFilters.save')}
        </button>
      </form>
      <p role={message?.isError ? 'alert' : 'status'} className={message?.isError ? 'field__error' : 'saved-filters__message'}>
        {message?.text ?? ''}
      </p>
      {list.isError ? <p role="alert">{describeError(list.error, t, language)}</p> : null}
      {list.data && filters.length === 0 ? <p className="saved-filters__empty">{t('savedFilters.empty')}</p> : null}
      {filters.length > 0 ? (
        <ul className="saved-filters__list" aria-label={t('savedFilters.listLabel')}>
          {filters.map((f) => (
            <li key={f.id} className="saved-filters__item">
              {renaming?.id === f.id ? (
                <form
                  className="saved-filters__rename"
                  onSubmit={(e) => {
                    e.preventDefault();
                    setMessage(null);
                    if (renaming.name.trim() === '') {
                      setMessage({ text: t('savedFilters.nameRequired'), isError: true });
                      return;
                    }
                    rename.mutate(renaming);
                  }}
                >
                  <label htmlFor={`sf-rename-${f.id}`}>{t('savedFilters.newName', { name: f.name })}</label>
                  <input id={`sf-rename-${f.id}`} value={renaming.name} maxLength={80} autoFocus onChange={(e) => setRenaming({ id: f.id, name: e.target.value })} />
                  <button type="submit" className="button" disabled={rename.isPending}>
                    {t('savedFilters.renameSave')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      setRenaming(null);
                      focusLater(`sf-rename-btn-${f.id}`);
                    }}
                  >
                    {t('savedFilters.cancel')}
                  </button>
                </form>
              ) : deleting === f.id ? (
                <div className="saved-filters__confirm" role="group" aria-label={t('savedFilters.confirmDelete', { name: f.name })}>
                  <span>{t('savedFilters.confirmDelete', { name: f.name })}</span>
                  <button type="button" className="button button--danger" autoFocus disabled={remove.isPending} onClick={() => remove.mutate(f)}>
                    {t('savedFilters.deleteYes')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      setDeleting(null);
                      focusLater(`sf-delete-btn-${f.id}`);
                    }}
                  >
                    {t('savedFilters.cancel')}
                  </button>
                </div>
              ) : (
                <>
                  <button
                    type="button"
                    id={`sf-apply-${f.id}`}
                    className="link-button saved-filters__apply"
                    onClick={() => {
                      setMessage({ text: t('savedFilters.applied', { name: f.name }), isError: false });
                      onApply(f.filters);
                    }}
                  >
                    {t('savedFilters.apply', { name: f.name })}
                  </button>
                  <button type="button" id={`sf-rename-btn-${f.id}`} className="button button--secondary" aria-label={t('savedFilters.renameLabel', { name: f.name })} onClick={() => setRenaming({ id: f.id, name: f.name })}>
                    {t('savedFilters.rename')}
                  </button>
                  <button type="button" id={`sf-delete-btn-${f.id}`} className="button button--secondary" aria-label={t('savedFilters.deleteLabel', { name: f.name })} onClick={() => setDeleting(f.id)}>
                    {t('savedFilters.delete')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
