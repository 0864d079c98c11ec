import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useI18n } from '../../i18n/i18n-context';
import { formatDate } from '../../i18n/format';
import { getInboxPage } from '../inbox/inbox.api';
import { listItems } from '../items/items.api';
import '../items/items.css';

/**
 * /calendar?month=yyyy-mm — the deadlines of one month: the user's open work (GET /inbox, "mine") and the open items
 * of the units they may see (GET /items?status=active: the API's scope decides which). A day is the deadline's day
 * in Vietnam's time zone; an overdue item is marked; each entry links to its item. Dates are dd/mm/yyyy.
 */

interface Entry {
  id: string;
  title: string;
  dueAt: string;
  /** dd/mm/yyyy in Vietnam's time zone. */
  day: string;
  isOverdue: boolean;
  mine: boolean;
  unitName: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthFrom(param: string | null): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(param ?? '');
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { year: Number(m[1]), month: Number(m[2]) };
  const today = formatDate(new Date());
  return { year: Number(today.slice(6, 10)), month: Number(today.slice(3, 5)) };
}

function useDeadlines() {
  return useQuery({
    queryKey: ['calendar', 'deadlines'],
    queryFn: async ({ signal }) => {
      const [mine, visible] = await Promise.all([getInboxPage({ sort: 'due_at' }, undefined, signal, 200), listItems({ status: 'active', limit: 200 }, signal)]);
      const byId = new Map<string, Entry>();
      for (const i of visible.items) {
        if (!i.dueAt) continue;
        byId.set(i.id, { id: i.id, title: i.title, dueAt: i.dueAt, day: formatDate(i.dueAt), isOverdue: i.isOverdue === true, mine: false, unitName: null });
      }
      for (const i of mine.items) {
        if (!i.dueAt) continue;
        byId.set(i.id, { id: i.id, title: i.title, dueAt: i.dueAt, day: formatDate(i.dueAt), isOverdue: i.isOverdue, mine: true, unitName: i.unitName });
      }
      return [...byId.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },
  });
}

export default function CalendarPage() {
  const { t } = useI18n();
  usePageTitle(t('nav.calendar'));
  const [params, setParams] = useSearchParams();
  const { year, month } = monthFrom(params.get('month'));
  const deadlines = useDeadlines();
  const today = formatDate(new Date());

  const goto = (y: number, m: number) => {
    const d = new Date(Date.UTC(y, m - 1, 1));
    setParams({ month: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}` }, { replace: true });
  };

  // The weeks of the month, Monday first; null for the days of the neighbouring months.
  const weeks = useMemo(() => {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const lead = (first.getUTCDay() + 6) % 7;
    const cells: Array<number | null> = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
    while (cells.length % 7 !== 0) cells.push(null);
    const out: Array<Array<number | null>> = [];
    for (let i = 0; i < cells.length; i += 7) out.push(cells.slice(i, i + 7));
    return out;
  }, [year, month]);

  const monthKey = `${pad(month)}/${year}`;
  const entries = (deadlines.data ?? []).filter((e) => e.day.slice(3) === monthKey);
  const byDay = new Map<string, Entry[]>();
  for (const e of entries) byDay.set(e.day, [...(byDay.get(e.day) ?? []), e]);
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const overdue = entries.filter((e) => e.isOverdue).length;

  return (
    <section className="page calendar-page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.calendar')}</h1>
      <p className="lead">{t('calendar.lead')}</p>
      <div className="calendar-toolbar">
        <button type="button" className="button button--secondary" onClick={() => goto(year, month - 1)}>
          {t('calendar.previous')}
        </button>
        <h2 id="calendar-month" aria-live="polite">
          {t('calendar.month', { month: pad(month), year })}
        </h2>
        <button type="button" className="button button--secondary" onClick={() => goto(year, month + 1)}>
          {t('calendar.next')}
        </button>
        <button type="button" className="link-button" onClick={() => setParams({}, { replace: true })}>
          {t('calendar.today')}
        </button>
      </div>
      {deadlines.isPending ? <PageLoading /> : null}
      {deadlines.isError ? <ErrorAlert error={deadlines.error} /> : null}
      {deadlines.data ? (
        <p role="status">{entries.length === 0 ? t('calendar.none') : t('calendar.count', { count: entries.length, overdue })}</p>
      ) : null}

      <table className="calendar-grid" aria-labelledby="calendar-month">
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d} scope="col">
                <abbr title={t(`calendar.day.${d}`)}>{t(`calendar.dayShort.${d}`)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, i) => {
                if (day === null) return <td key={i} className="calendar-grid__blank" />;
                const date = `${pad(day)}/${pad(month)}/${year}`;
                const list = byDay.get(date) ?? [];
                return (
                  <td key={i} className={[list.length ? 'has-items' : '', date === today ? 'is-today' : ''].filter(Boolean).join(' ') || undefined}>
                    <span className="calendar-grid__day">
                      <span aria-hidden="true">{day}</span>
                      <span className="visually-hidden">{date}</span>
                      <span className="calendar-grid__date" aria-hidden="true">
                        {date}
                      </span>
                    </span>
                    {list.length ? (
                      <ul>
                        {list.map((e) => (
                          <li key={e.id} className={e.isOverdue ? 'is-overdue' : undefined}>
                            <Link to={`/items/${e.id}`}>{e.title}</Link>
                            {e.isOverdue ? <span className="badge badge--late">{t('items.overdue')}</span> : null}
                            {e.mine ? <span className="badge">{t('calendar.mine')}</span> : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
