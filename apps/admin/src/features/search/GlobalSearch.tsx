import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { SearchResponse } from '@thidua/contracts';
import { describeError } from '../../api/describe-error';
import { useI18n } from '../../i18n/i18n-context';
import { searchEverything, searchKeys } from './search.api';
import './search.css';

interface Option {
  id: string;
  to: string;
  label: string;
  detail: string | null;
  /** Router state for the page opened (a person's page takes their name from it). */
  state?: { name: string };
}
interface Group {
  key: 'items' | 'units' | 'people';
  options: Option[];
  hasMore: boolean;
}

function groupsOf(r: SearchResponse): Group[] {
  return [
    { key: 'items' as const, hasMore: r.moreItems, options: r.items.map((i) => ({ id: `item-${i.id}`, to: `/items/${i.id}`, label: i.title, detail: i.unitName })) },
    { key: 'units' as const, hasMore: r.moreUnits, options: r.units.map((u) => ({ id: `unit-${u.id}`, to: `/org/units/${u.id}`, label: u.name, detail: u.code })) },
    { key: 'people' as const, hasMore: r.morePeople, options: r.people.map((p) => ({ id: `person-${p.id}`, to: `/org/people/${p.id}/commendations`, label: p.fullName, state: { name: p.fullName }, detail: p.homeUnitName ? `${p.username} · ${p.homeUnitName}` : p.username })) },
  ].filter((g) => g.options.length > 0);
}

/** A key typed in a field, or with a modifier, is not the "/" shortcut. */
function isTyping(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  const el = e.target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * The one search box of the header (issue 19, line 5): items, units and people, accent-free words finding accented
 * names ("ha noi" → "Hà Nội"). An ARIA 1.2 combobox with a listbox popup: "/" focuses it from anywhere, ↓/↑ move
 * through the results (grouped by kind), Enter opens the highlighted one, Escape closes the list, then clears.
 */
export function GlobalSearch() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // Ask after a short pause in typing, not on every key.
  useEffect(() => {
    const id = window.setTimeout(() => setQuery(text.trim()), 200);
    return () => window.clearTimeout(id);
  }, [text]);

  const result = useQuery({
    queryKey: searchKeys.query(query),
    queryFn: ({ signal }) => searchEverything(query, signal),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const groups = useMemo(() => (result.data && query.length > 0 ? groupsOf(result.data) : []), [result.data, query]);
  const options = useMemo(() => groups.flatMap((g) => g.options), [groups]);
  const isSettled = query === text.trim() && !result.isFetching;

  useEffect(() => setActive(-1), [query]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || isTyping(e)) return;
      e.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const open = (o: Option) => {
    setOpen(false);
    setText('');
    setQuery('');
    navigate(o.to, o.state ? { state: o.state } : undefined);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!isOpen) setOpen(true);
      if (options.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i < 0 ? (step > 0 ? 0 : options.length - 1) : (i + step + options.length) % options.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = options[active >= 0 ? active : 0];
      if (chosen && isOpen) open(chosen);
    } else if (e.key === 'Escape') {
      if (isOpen && text) setOpen(false);
      else setText('');
      setActive(-1);
    } else if (e.key === 'Home' || e.key === 'End') {
      setActive(-1);
    }
  };

  const isExpanded = isOpen && query.length > 0 && options.length > 0;
  const showsStatus = isOpen && query.length > 0;
  const activeOption = active >= 0 ? options[active] : undefined;
  let status = '';
  if (query.length > 0 && isSettled) {
    if (result.isError) status = describeError(result.error, t, language);
    else if (result.data) status = options.length === 0 ? t('search.none', { q: query }) : t('search.count', { count: options.length });
  }

  return (
    <div className="global-search" role="search" aria-label={t('search.label')}>
      <label htmlFor={`${baseId}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id={`${baseId}-input`}
        className="global-search__input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={isExpanded}
        aria-controls={listId}
        aria-activedescendant={isExpanded && activeOption ? `${baseId}-${activeOption.id}` : undefined}
        aria-describedby={`${baseId}-hint`}
        placeholder={t('search.placeholder')}
        value={text}
        maxLength={100}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        // Options take no focus (a click keeps it in the box), so leaving the box closes the list.
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <span id={`${baseId}-hint`} className="visually-hidden">
        {t('search.hint')}
      </span>
      <div className={`global-search__popup${showsStatus && (isExpanded || status) ? '' : ' global-search__popup--hidden'}`}>
        {isExpanded ? (
        <div id={listId} role="listbox" aria-label={t('search.results')} className="global-search__list">
          {groups.map((g) => (
                <div key={g.key} role="group" aria-labelledby={`${baseId}-g-${g.key}`}>
                  <div id={`${baseId}-g-${g.key}`} role="presentation" className="global-search__group">
                    {t(`search.group.${g.key}`)}
                    {g.hasMore ? <span className="global-search__more"> {t('search.more')}</span> : null}
                  </div>
                  {g.options.map((o) => {
                    const isActive = activeOption?.id === o.id;
                    return (
                      <div
                        key={o.id}
                        id={`${baseId}-${o.id}`}
                        role="option"
                        aria-selected={isActive}
                        className={`global-search__option${isActive ? ' global-search__option--active' : ''}`}
                        onMouseDown={(e) => e.preventDefault()}
                        onClick={() => open(o)}
                      >
                        <span className="global-search__label">{o.label}</span>
                        {o.detail ? <span className="global-search__detail">{o.detail}</span> : null}
                      </div>
                    );
                  })}
                </div>
              ))}
        </div>
        ) : null}
        {showsStatus && status && !isExpanded ? <p className="global-search__status">{status}</p> : null}
      </div>
      <span className="visually-hidden" role="status" aria-live="polite">
        {showsStatus ? status : ''}
      </span>
    </div>
  );
}
