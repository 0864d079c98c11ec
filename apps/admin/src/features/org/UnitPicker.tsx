import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { useRootUnits, useUnitSearch, type SearchHit } from './org.hooks';
import './unit-picker.css';

interface UnitPickerProps {
  label: string;
  value: SearchHit | null;
  onChange: (unit: SearchHit | null) => void;
  /** Units that may not be chosen (the unit being moved, say). */
  excludeIds?: readonly string[];
  hint?: string;
}

/**
 * Choose a unit by typing part of its code or name (diacritics optional). The results are a list of buttons; the
 * chosen unit is named in words, with a button to change it.
 */
export function UnitPicker({ label, value, onChange, excludeIds = [], hint }: UnitPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const { roots } = useRootUnits();
  const search = useUnitSearch(query, roots.map((r) => r.id));
  const hits = search.hits.filter((h) => !excludeIds.includes(h.id));
  // Choosing a unit replaces the results by the chosen one, and "change" brings the search box back: the focus
  // follows to what replaced the button pressed (the "change" button, the search box), not the top of the page.
  const focusNext = useRef<'change' | 'input' | null>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const target = focusNext.current === 'change' ? changeRef.current : focusNext.current === 'input' ? inputRef.current : null;
    focusNext.current = null;
    target?.focus();
  }, [value]);
  const choose = (unit: SearchHit | null) => {
    focusNext.current = unit ? 'change' : 'input';
    onChange(unit);
  };

  if (value) {
    return (
      <div className="field">
        <span className="org-picker__label" id={`${id}-label`}>
          {label}
        </span>
        <p className="org-picker__chosen" aria-labelledby={`${id}-label`}>
          <strong>{value.name}</strong> <span className="muted">({value.code})</span>{' '}
          <button type="button" className="button button--secondary button--small" ref={changeRef} onClick={() => choose(null)}>
            {t('org.picker.change')}
          </button>
        </p>
      </div>
    );
  }

  return (
    <div className="field org-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        ref={inputRef}
        type="search"
        value={query}
        autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        placeholder={t('org.search.placeholder')}
      />
      {hint ? (
        <p id={`${id}-hint`} className="muted org-hint">
          {hint}
        </p>
      ) : null}
      {search.query ? (
        <div aria-live="polite">
          {search.isSearching && hits.length === 0 ? <p className="muted">{t('org.search.searching')}</p> : null}
          {!search.isSearching && hits.length === 0 ? <p className="muted">{t('org.search.noResults', { query: search.query })}</p> : null}
          {hits.length > 0 ? (
            <ul className="org-picker__results" aria-label={t('org.search.results', { count: hits.length })}>
              {hits.slice(0, 12).map((h) => (
                <li key={h.id}>
                  <button type="button" className="org-picker__option" onClick={() => choose(h)}>
                    <span className="org-picker__name">{h.name}</span> <span className="muted">{h.code}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
