import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DelegationView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import { comparePersonNamesVi, formatDate } from '../../i18n/format';
import { useMe } from '../auth/auth.hooks';
import { authKeys } from '../auth/auth.keys';
import { colleagues as fetchColleagues, createDelegation, endDelegation, myDelegations } from './delegations.api';

const keys = {
  mine: ['delegations', 'mine'] as const,
  people: (unitId: string) => ['delegations', 'people', unitId] as const,
};

/** `dd/mm/yyyy` → the local midnight of that day, or null. */
export function parseDmy(text: string): Date | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const d = new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  return d.getDate() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 ? d : null;
}

function todayDmy(): string {
  return formatDate(new Date());
}

/**
 * Delegation of one's roles to a colleague for a period (issue 19): create it, see the active and past ones
 * given and received, end one early. Whoever received one sees here whom they act for.
 */
export default function DelegationsPage() {
  const t = useT();
  usePageTitle(t('delegations.title'));
  const base = useId();
  const queryClient = useQueryClient();
  const me = useMe();
  const list = useQuery({ queryKey: keys.mine, queryFn: ({ signal }) => myDelegations(signal) });
  const unitId = me.data?.homeUnit?.id ?? me.data?.roles.find((r) => !r.onBehalfOf)?.unitId ?? null;
  const people = useQuery({ queryKey: keys.people(unitId ?? ''), queryFn: ({ signal }) => fetchColleagues(unitId!, signal), enabled: !!unitId });
  const colleagues = useMemo(
    () => [...(people.data ?? [])].filter((p) => p.userId !== me.data?.id && p.status === 'active').sort((a, b) => comparePersonNamesVi(a.fullName, b.fullName)),
    [people.data, me.data],
  );
  const [toUserId, setToUserId] = useState('');
  const [from, setFrom] = useState(todayDmy());
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: keys.mine });
    await queryClient.invalidateQueries({ queryKey: authKeys.all });
  };
  const create = useMutation({
    mutationFn: (body: { toUserId: string; validFrom: string; validTo: string; reason: string }) => createDelegation(body),
    onSuccess: async () => {
      setToUserId('');
      setTo('');
      setReason('');
      setAnnounce(t('delegations.created'));
      await refresh();
    },
  });
  const end = useMutation({
    mutationFn: (id: string) => endDelegation(id),
    onSuccess: async () => {
      setAnnounce(t('delegations.ended'));
      await refresh();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const start = parseDmy(from);
    const last = parseDmy(to);
    if (!toUserId) return setFormError(t('delegations.errorPerson'));
    if (!start || !last) return setFormError(t('delegations.errorDate'));
    const until = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
    if (until <= start) return setFormError(t('delegations.errorOrder'));
    if (!reason.trim()) return setFormError(t('delegations.errorReason'));
    setFormError(null);
    const now = new Date();
    create.mutate({ toUserId, validFrom: (start < now ? now : start).toISOString(), validTo: until.toISOString(), reason: reason.trim() });
  };

  const items = list.data?.items ?? [];
  const myId = me.data?.id;
  const given = items.filter((d) => d.fromUserId === myId);
  const received = items.filter((d) => d.toUserId === myId);
  const actingFor = (me.data?.roles ?? []).filter((r) => r.onBehalfOf);

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('delegations.title')}</h1>
      <p className="muted">{t('delegations.intro')}</p>

      {actingFor.length > 0 ? (
        <section className="card" aria-labelledby={`${base}-acting`}>
          <h2 id={`${base}-acting`}>{t('delegations.actingFor')}</h2>
          <ul>
            {actingFor.map((r, i) => (
              <li key={`${r.unitId}-${r.role}-${i}`}>{t('delegations.actingForLine', { name: r.onBehalfOf!.fullName, role: t(`role.${r.role}`), unit: r.unitName })}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby={`${base}-new`}>
        <h2 id={`${base}-new`}>{t('delegations.new')}</h2>
        <form onSubmit={submit} noValidate className="form-stack">
          <label htmlFor={`${base}-to`}>{t('delegations.to')}</label>
          <select id={`${base}-to`} value={toUserId} onChange={(e) => setToUserId(e.target.value)}>
            <option value="">{t('delegations.choosePerson')}</option>
            {colleagues.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.fullName}
              </option>
            ))}
          </select>
          <label htmlFor={`${base}-from`}>{t('delegations.from')}</label>
          <input id={`${base}-from`} type="text" inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} aria-describedby={`${base}-date-hint`} />
          <label htmlFor={`${base}-until`}>{t('delegations.until')}</label>
          <input id={`${base}-until`} type="text" inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} aria-describedby={`${base}-date-hint`} />
          <p id={`${base}-date-hint`} className="muted">{t('delegations.dateHint')}</p>
          <label htmlFor={`${base}-reason`}>{t('delegations.reason')}</label>
          <input id={`${base}-reason`} type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          {formError ? (
            <p className="field__error" role="alert">
              {formError}
            </p>
          ) : null}
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <button type="submit" className="button" disabled={create.isPending}>
            {t('delegations.create')}
          </button>
        </form>
      </section>

      {list.isPending ? <PageLoading /> : null}
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {end.isError ? <ErrorAlert error={end.error} /> : null}
      {list.data ? (
        <>
          <DelegationTable title={t('delegations.given')} rows={given} counterpart={(d) => `@${d.toUsername}`} onEnd={(id) => end.mutate(id)} ending={end.isPending} />
          <DelegationTable title={t('delegations.received')} rows={received} counterpart={(d) => `@${d.fromUsername}`} onEnd={(id) => end.mutate(id)} ending={end.isPending} />
        </>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
    </section>
  );
}

function DelegationTable({ title, rows, counterpart, onEnd, ending }: { title: string; rows: DelegationView[]; counterpart: (d: DelegationView) => string; onEnd: (id: string) => void; ending: boolean }) {
  const t = useT();
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('delegations.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('delegations.person')}</th>
                <th scope="col">{t('delegations.period')}</th>
                <th scope="col">{t('delegations.reason')}</th>
                <th scope="col">{t('delegations.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('delegations.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const upcoming = !d.revokedAt && new Date(d.validFrom) > new Date();
                const open = d.isActive || upcoming;
                return (
                  <tr key={d.id}>
                    <th scope="row">{counterpart(d)}</th>
                    <td>{t('delegations.periodText', { from: formatDate(d.validFrom), until: formatDate(new Date(new Date(d.validTo).getTime() - 1)) })}</td>
                    <td>{d.reason}</td>
                    <td>{d.isActive ? t('delegations.active') : upcoming ? t('delegations.upcoming') : d.revokedAt ? t('delegations.endedOn', { date: formatDate(d.revokedAt) }) : t('delegations.past')}</td>
                    <td>
                      {open ? (
                        <button type="button" className="button button--secondary button--small" disabled={ending} onClick={() => onEnd(d.id)} aria-label={t('delegations.endOf', { name: counterpart(d) })}>
                          {t('delegations.end')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
