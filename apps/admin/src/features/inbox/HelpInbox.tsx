import { useId } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { helpKeys, myHelpRequests } from '../items/help.api';
import { helpStageName } from '../items/HelpPanel';

/**
 * "Được nhờ hỗ trợ": the help and co-sign requests addressed to me that are still open (issue 15, line 6), each with
 * the item's title (a link to the item page, where I answer), the stage's name, who asked and what for. Shown only
 * when there is one.
 */
export function HelpInbox() {
  const { t, language } = useI18n();
  const base = useId();
  const mine = useQuery({ queryKey: helpKeys.mine('open'), queryFn: ({ signal }) => myHelpRequests('open', signal) });
  if (mine.isError) return <ErrorAlert error={mine.error} />;
  if (!mine.data || mine.data.length === 0) return null;
  return (
    <section className="card help-inbox" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>{t('help.inbox.title')}</h2>
      <ul className="help-inbox__list">
        {mine.data.map((r) => (
          <li key={r.id}>
            <Link to={`/items/${r.itemId}`}>{r.itemTitle}</Link>
            <span className="muted">
              {' '}· {t(`help.kind.${r.kind}`)} · {t('help.inbox.stage', { stage: helpStageName(r, language) })} · {t('help.fromPerson', { name: r.from.fullName })} · <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
            </span>
            <p className="help-request__message">{r.message}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
