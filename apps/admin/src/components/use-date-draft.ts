import { useEffect, useState, type ChangeEvent } from 'react';

/** A date the user has finished typing: the browser reports 0002-…, 0020-…, 0201-… while a year is typed digit by digit. */
export function isFinishedDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && Number(value.slice(0, 4)) >= 1900;
}

/**
 * Props for a date <input> whose value drives a query (a filter, the tree of a date): typed with the keyboard, each
 * digit of the year is a valid date to the browser, and each would be fetched (and refused) before the year is
 * done. The field keeps what is typed; `onCommit` gets only an empty field or a finished date.
 */
export function useDateDraft(value: string, onCommit: (value: string) => void) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return {
    value: draft,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const next = e.target.value;
      setDraft(next);
      if (next === '' || isFinishedDate(next)) onCommit(next);
    },
  };
}
