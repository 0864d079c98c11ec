import { isMessageKey, type PlainMessageKey } from '../../i18n/dictionary';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { UserView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { usePendingFocus } from '../../components/use-pending-focus';
import { useT } from '../../i18n/i18n-context';
import { comparePersonNamesVi, formatDate } from '../../i18n/format';
import { useDelegations, usePeople, useSubtreeCount, useUnit, useUnitHistory, useUserRoles } from './org.hooks';
import { CapabilitiesCell } from './CapabilitiesCell';
import { ChairPicker } from './ChairPicker';
import { ReorganisePanel } from './ReorganisePanel';

/** One unit: where it sits, its numbers, its people with their roles and delegations, and its reorganisation. */
export function UnitPage() {
  const { id = '' } = useParams();
  const t = useT();
  const unit = useUnit(id);
  const count = useSubtreeCount(id);
  usePageTitle(unit.data?.name ?? t('org.unit'));

  if (unit.isPending) return <PageLoading />;
  if (unit.isError)
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">{t('org.unit')}</h1>
        <ErrorAlert error={unit.error} />
        <Link to="/org">{t('org.backToTree')}</Link>
      </section>
    );
  const u = unit.data;
  return (
    <section className="page" aria-labelledby="page-title">
      <nav aria-label={t('org.ancestors')} className="org-breadcrumb">
        <ol>
          <li>
            <Link to="/org">{t('org.title')}</Link>
          </li>
          {/* Units above the caller's scope are named but cannot be opened (404): plain text, not a link. */}
          {u.ancestors.map((a) => (
            <li key={a.id}>{a.isVisible ? <Link to={`/org/units/${a.id}`}>{a.name}</Link> : <span>{a.name}</span>}</li>
          ))}
        </ol>
      </nav>
      <h1 id="page-title">{u.name}</h1>
      <p>
        <Link to={`/org/units/${u.id}/commendations`}>{t('history.unitLink')}</Link>
      </p>
      {u.status !== 'active' ? (
        <p className="notice">
          {t(`org.status.${u.status}`)}
          {u.mergedInto ? (
            <>
              {' — '}
              <Link to={`/org/units/${u.mergedInto.id}`}>{t('org.mergedInto', { name: u.mergedInto.name })}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <dl className="org-facts card">
        <div>
          <dt>{t('org.code')}</dt>
          <dd>{u.code}</dd>
        </div>
        <div>
          <dt>{t('org.kind')}</dt>
          <dd>{t(`unitKind.${u.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('org.sector')}</dt>
          <dd>{u.sector ? (isMessageKey(`org.sectorName.${u.sector}`) ? t(`org.sectorName.${u.sector}` as PlainMessageKey) : u.sector) : '—'}</dd>
        </div>
        <div>
          <dt>{t('org.members')}</dt>
          <dd>{u.memberCount?.toLocaleString('vi-VN') ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('org.childUnits')}</dt>
          <dd>{u.childCount}</dd>
        </div>
        <div>
          <dt>{t('org.subtreeUnits')}</dt>
          <dd>{count.data ? t('org.subtreeActive', { active: count.data.active, total: count.data.total }) : '…'}</dd>
        </div>
      </dl>
      {u.status === 'active' ? <ChairPicker unit={u} /> : null}
      <People unitId={u.id} />
      <UnitHistory unitId={u.id} />
      {u.status === 'active' ? <ReorganisePanel unit={u} /> : null}
    </section>
  );
}

function People({ unitId }: { unitId: string }) {
  const t = useT();
  const [includeSubtree, setIncludeSubtree] = useState(false);
  const people = usePeople(unitId, includeSubtree);
  const sorted = [...(people.data ?? [])].sort((a, b) => comparePersonNamesVi(a.fullName, b.fullName));
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t('org.people')}</h2>
      <div className="field field--inline">
        <input id="people-subtree" type="checkbox" checked={includeSubtree} onChange={(e) => setIncludeSubtree(e.target.checked)} />
        <label htmlFor="people-subtree">{t('org.peopleIncludeSubtree')}</label>
      </div>
      {people.isPending ? <PageLoading /> : null}
      {people.isError ? <ErrorAlert error={people.error} /> : null}
      {people.data && sorted.length === 0 ? <p>{t('org.noPeople')}</p> : null}
      {sorted.length > 0 ? (
        <div className="org-table-wrap">
          <table className="org-table">
            <caption className="visually-hidden">{t('org.people')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('org.person')}</th>
                <th scope="col">{t('org.username')}</th>
                <th scope="col">{t('org.accountStatus')}</th>
                <th scope="col">{t('org.roles')}</th>
                <th scope="col">{t('org.delegations')}</th>
                <th scope="col">{t('org.capabilities')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => (
                <PersonRow key={p.id} person={p} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {people.hasNextPage ? (
        <button type="button" className="button button--secondary button--small" onClick={() => void people.fetchNextPage()}>
          {t('org.morePeople')}
        </button>
      ) : null}
    </section>
  );
}

function PersonRow({ person }: { person: UserView }) {
  const t = useT();
  const roles = useUserRoles(person.id);
  const [showDelegations, setShowDelegations] = useState(false);
  const delegationsFocus = usePendingFocus();
  const delegations = useDelegations(person.id, showDelegations);
  const current = (roles.data ?? []).filter((r) => r.isCurrent);
  return (
    <tr>
      <th scope="row">
        {person.fullName}
        <br />
        <Link to={`/org/people/${person.id}/commendations`} state={{ name: person.fullName }} className="small">
          {t('history.personLink', { name: person.fullName })}
        </Link>
      </th>
      <td>@{person.username}</td>
      <td>{t(`org.userStatus.${person.status}`)}</td>
      <td>
        {roles.isPending ? '…' : null}
        {roles.isError ? <span className="field__error">{t('org.rolesFailed')}</span> : null}
        {roles.data && current.length === 0 ? <span className="muted">{t('org.noRoles')}</span> : null}
        <ul className="org-roles">
          {current.map((r) => (
            <li key={r.id}>
              {t('header.roleAt', { role: t(`role.${r.role}`), unit: r.unitName })}
              {r.validTo ? <span className="muted"> ({t('org.until', { date: formatDate(r.validTo) })})</span> : null}
            </li>
          ))}
        </ul>
      </td>
      <td>
        {!showDelegations ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              delegationsFocus.request('shown');
              setShowDelegations(true);
            }}
            aria-label={t('org.showDelegationsOf', { name: person.fullName })}
          >
            {t('org.showDelegations')}
          </button>
        ) : (
          // The button is replaced by what it showed: the focus goes there.
          <div tabIndex={-1} ref={delegationsFocus.refFor('shown')} aria-busy={delegations.isPending || undefined}>
            {delegations.isPending ? (
              '…'
            ) : delegations.isError ? (
              <span className="field__error">{t('org.delegationsFailed')}</span>
            ) : delegations.data.items.length === 0 ? (
              <span className="muted">{t('org.noDelegations')}</span>
            ) : (
              <ul className="org-roles">
                {delegations.data.items.map((d) => (
                  <li key={d.id}>
                    {d.fromUserId === person.id ? t('org.delegatedTo', { name: d.toUsername }) : t('org.delegatedFrom', { name: d.fromUsername })}{' '}
                    <span className="muted">
                      {formatDate(d.validFrom)}–{formatDate(d.validTo)}
                      {d.isActive ? '' : ` · ${t('org.delegationInactive')}`}
                      {d.workflows ? ` · ${d.workflows.join(', ')}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </td>
      <td>
        <CapabilitiesCell person={person} />
      </td>
    </tr>
  );
}

/** What happened to the unit when: its positions in the tree (from–until) and the recorded changes, by effective date. */
function UnitHistory({ unitId }: { unitId: string }) {
  const t = useT();
  const history = useUnitHistory(unitId);
  return (
    <section className="card" aria-labelledby="unit-history-title">
      <h2 id="unit-history-title">{t('org.history.title')}</h2>
      {history.isPending ? <PageLoading /> : null}
      {history.isError ? <ErrorAlert error={history.error} /> : null}
      {history.data ? (
        <table className="table" aria-label={t('org.history.title')}>
          <thead>
            <tr>
              <th scope="col">{t('org.history.at')}</th>
              <th scope="col">{t('org.history.what')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.entries.map((e, i) => (
              <tr key={i}>
                <td>{formatDate(e.at.slice(0, 10))}</td>
                <td>
                  {e.kind === 'position'
                    ? t(e.until ? 'org.history.positionUntil' : 'org.history.position', { parent: e.parent?.name ?? '—', until: e.until ? formatDate(e.until.slice(0, 10)) : '' })
                    : `${e.kind === 'scheduled' ? t('org.history.scheduled') : ''}${t('org.history.change', { action: historyActionText(e.action, t) })}${e.actor ? ` — ${e.actor.fullName}` : ''}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** A recorded change of the unit in words (the audit action is a stored code, never shown as it is). */
function historyActionText(action: string | null, t: ReturnType<typeof useT>): string {
  const key = `org.history.action.${action ?? ''}`;
  return isMessageKey(key) ? t(key as PlainMessageKey) : t('org.history.action.other');
}
