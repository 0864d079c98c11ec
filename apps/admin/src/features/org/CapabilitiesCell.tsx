import { useState } from 'react';
import type { UserView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePendingFocus } from '../../components/use-pending-focus';
import { useT } from '../../i18n/i18n-context';
import { useMe } from '../auth/auth.hooks';
import { useSetCapabilities } from './org.hooks';

/** Splits the edited text: one capability per line (or separated by ";"). */
export function parseCapabilities(text: string): string[] {
  return [...new Set(text.split(/[\n;]/).map((c) => c.trim()).filter((c) => c !== ''))];
}

/**
 * A person's capabilities (attributes work allocation matches, e.g. "chuyên trách thi đua – khen thưởng"), and for
 * administrators a small editor (the API checks the right and records the change in the audit log).
 */
export function CapabilitiesCell({ person }: { person: UserView }) {
  const t = useT();
  const me = useMe();
  const isAdmin = (me.data?.roles ?? []).some((r) => r.role === 'admin');
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const save = useSetCapabilities();
  const id = `capabilities-${person.id}`;
  // Editing replaces the button by the form and back: the focus follows (the text box, then the button again).
  const focus = usePendingFocus();
  const stopEditing = () => {
    focus.request('button');
    setEditing(false);
  };
  if (editing) {
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ userId: person.id, capabilities: parseCapabilities(text) }, { onSuccess: stopEditing });
        }}
      >
        <div className="field">
          <label htmlFor={id}>{t('org.capabilitiesOf', { name: person.fullName })}</label>
          <textarea id={id} ref={focus.refFor('text')} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`} />
          <p id={`${id}-hint`} className="muted">{t('org.capabilitiesHint')}</p>
        </div>
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <button type="submit" className="button button--small" disabled={save.isPending}>
          {t('org.capabilitiesSave')}
        </button>{' '}
        <button type="button" className="button button--secondary button--small" onClick={stopEditing}>
          {t('org.capabilitiesCancel')}
        </button>
      </form>
    );
  }
  return (
    <>
      {person.capabilities.length === 0 ? <span className="muted">{t('org.noCapabilities')}</span> : (
        <ul className="org-roles">
          {person.capabilities.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {isAdmin ? (
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={t('org.editCapabilitiesOf', { name: person.fullName })}
          ref={focus.refFor('button')}
          onClick={() => {
            focus.request('text');
            setText(person.capabilities.join('\n'));
            setEditing(true);
          }}
        >
          {t('org.editCapabilities')}
        </button>
      ) : null}
    </>
  );
}
