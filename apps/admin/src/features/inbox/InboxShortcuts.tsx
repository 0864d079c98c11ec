import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { InboxItemView } from '@thidua/contracts';
import { describeError } from '../../api/describe-error';
import { keepTabInside } from '../../components/focus-trap';
import { useI18n } from '../../i18n/i18n-context';
import { actOnItem, getAllowedActions, newIdempotencyKey } from '../items/items.api';

/**
 * Keyboard shortcuts of the inbox: j/k or ↓/↑ move the current row, "a" approves it, "r" opens the return dialog
 * (a reason is required), "?" shows the list. Before acting, the page asks the API what the engine allows this user on
 * the item now (`GET /items/:id/allowed-actions`); a shortcut whose action is not in that answer does nothing but
 * say so. The server still decides at the moment of acting (expectedVersion: the version shown).
 */

/** A key typed in a field, or with a modifier, is not a shortcut. */
function isTyping(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable || el.closest('[role="dialog"],[role="alertdialog"]') !== null;
}

export function useInboxShortcuts(items: readonly InboxItemView[]) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const [returning, setReturning] = useState<InboxItemView | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  /** Where the focus was when the list of shortcuts opened: it goes back there when the list closes. */
  const helpOpener = useRef<HTMLElement | null>(null);
  const openHelp = () => {
    helpOpener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    setHelpOpen(true);
  };
  const closeHelp = () => {
    setHelpOpen(false);
    const opener = helpOpener.current;
    requestAnimationFrame(() => (opener?.isConnected ? opener : document.getElementById('inbox-keys-help'))?.focus());
  };
  const busy = useRef(false);
  const state = useRef({ items, currentId });
  state.current = { items, currentId };
  /** The row the user is on: the one holding the focus, else the last one chosen (if still listed). */
  const currentIndex = () => {
    const { items: list, currentId: id } = state.current;
    const row = (document.activeElement as HTMLElement | null)?.closest?.('tr[data-item-id]')?.getAttribute('data-item-id');
    const at = row ? list.findIndex((i) => i.id === row) : -1;
    return at >= 0 ? at : list.findIndex((i) => i.id === id);
  };

  const focusRow = (index: number) => {
    const item = state.current.items[index];
    if (!item) return;
    setCurrentId(item.id);
    requestAnimationFrame(() => document.getElementById(`inbox-link-${item.id}`)?.focus());
  };

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['items'] });
  };

  /** The current item and whether the engine allows `action` on it now; says why not when it does not. */
  const allowed = async (action: 'approve' | 'return'): Promise<InboxItemView | null> => {
    const item = state.current.items[currentIndex()];
    if (!item) {
      setStatus({ tone: 'info', text: t('inbox.keys.noneSelected') });
      return null;
    }
    const view = await getAllowedActions(item.id);
    if (!view.actions.some((a) => a.action === action)) {
      setStatus({ tone: 'error', text: t(action === 'approve' ? 'inbox.keys.approveNotAllowed' : 'inbox.keys.returnNotAllowed', { title: item.title }) });
      return null;
    }
    return item;
  };

  const act = async (item: InboxItemView, action: 'approve' | 'return', comment?: string) => {
    try {
      await actOnItem(item.id, { action, expectedVersion: item.version, ...(comment ? { comment } : {}) }, newIdempotencyKey(`${action}:${item.id}`));
      setStatus({ tone: 'ok', text: t(action === 'approve' ? 'inbox.keys.approved' : 'inbox.keys.returned', { title: item.title }) });
      refresh();
      // The next row takes the place of the one that left the inbox.
      const list = state.current.items;
      const at = list.findIndex((i) => i.id === item.id);
      const next = list[at + 1] ?? list[at - 1];
      setCurrentId(next?.id ?? null);
      if (next) requestAnimationFrame(() => document.getElementById(`inbox-link-${next.id}`)?.focus());
    } catch (error) {
      setStatus({ tone: 'error', text: describeError(error, t, language) });
      // Not acted on: the item is still listed, and the focus goes back to its row.
      requestAnimationFrame(() => document.getElementById(`inbox-link-${item.id}`)?.focus());
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || busy.current) return;
      const list = state.current.items;
      const at = currentIndex();
      if (e.key === '?') {
        e.preventDefault();
        openHelp();
        return;
      }
      if (list.length === 0) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        focusRow(Math.min(at + 1, list.length - 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        focusRow(Math.max(at - 1, 0));
      } else if (e.key === 'a' || e.key === 'r') {
        e.preventDefault();
        const action = e.key === 'a' ? 'approve' : 'return';
        busy.current = true;
        void allowed(action)
          .then(async (item) => {
            if (!item) return;
            if (action === 'approve') await act(item, 'approve');
            else setReturning(item);
          })
          .catch((error: unknown) => setStatus({ tone: 'error', text: describeError(error, t, language) }))
          .finally(() => {
            busy.current = false;
          });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [t, language]);

  const closeReturn = () => {
    const item = returning;
    setReturning(null);
    if (item) requestAnimationFrame(() => document.getElementById(`inbox-link-${item.id}`)?.focus());
  };

  const element = (
    <>
      <p className="visually-hidden" id="inbox-keys-hint">
        {t('inbox.keys.hint')}
      </p>
      <button type="button" id="inbox-keys-help" className="link-button" onClick={openHelp}>
        {t('inbox.keys.showHelp')}
      </button>
      <p role="status" className={status ? (status.tone === 'ok' ? 'alert alert--success' : status.tone === 'error' ? 'alert alert--error' : 'notice') : undefined}>
        {status?.text ?? ''}
      </p>
      {returning ? (
        <ReturnDialog
          item={returning}
          onCancel={closeReturn}
          onConfirm={(reason) => {
            const item = returning;
            setReturning(null);
            void act(item, 'return', reason);
          }}
        />
      ) : null}
      {helpOpen ? <ShortcutsHelp onClose={closeHelp} /> : null}
    </>
  );
  return { current: items.some((i) => i.id === currentId) ? currentId : null, setCurrent: setCurrentId, element };
}

function ReturnDialog({ item, onCancel, onConfirm }: { item: InboxItemView; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="modal-backdrop">
      <form
        className="modal card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="return-dialog-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          keepTabInside(e);
        }}
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim() === '') {
            setError(t('inbox.keys.reasonRequired'));
            document.getElementById('return-reason')?.focus();
            return;
          }
          onConfirm(reason.trim());
        }}
      >
        <h2 id="return-dialog-title">{t('inbox.keys.returnTitle', { title: item.title })}</h2>
        <div className="field">
          <label htmlFor="return-reason">{t('inbox.keys.reason')}</label>
          <textarea
            id="return-reason"
            rows={3}
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'return-reason-error' : undefined}
          />
          {error ? (
            <p id="return-reason-error" className="field__error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('inbox.keys.returnConfirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('inbox.bulk.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const rows: Array<[string, string]> = [
    [t('inbox.keys.k.move'), t('inbox.keys.d.move')],
    ['a', t('inbox.keys.d.approve')],
    ['r', t('inbox.keys.d.return')],
    ['Enter', t('inbox.keys.d.open')],
    ['?', t('inbox.keys.d.help')],
    ['Esc', t('inbox.keys.d.close')],
  ];
  return (
    <div className="modal-backdrop">
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby="keys-help-title" onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          keepTabInside(e);
        }}
      >
        <h2 id="keys-help-title">{t('inbox.keys.helpTitle')}</h2>
        <dl className="shortcut-list">
          {rows.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="button" autoFocus onClick={onClose}>
          {t('inbox.keys.helpClose')}
        </button>
      </div>
    </div>
  );
}
