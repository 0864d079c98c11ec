import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import { useMe } from '../auth/auth.hooks';
import { groupByUnit } from '../auth/role-label';

/**
 * The officer's unit page. What the unit is asked to do and by when needs the work-item API, which has not landed;
 * until then the page shows the user's units and roles and says plainly that the task list is not available.
 */
export function HomePage() {
  const t = useT();
  usePageTitle(t('home.title'));
  const me = useMe();

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('home.title')}</h1>
      {me.isPending ? <PageLoading /> : null}
      {me.isError ? <ErrorAlert error={me.error} /> : null}
      {me.data ? (
        <>
          <p className="lead">{t('home.greeting', { name: me.data.fullName })}</p>
          {me.data.homeUnit ? (
            <p>{t('home.homeUnit', { name: me.data.homeUnit.name, code: me.data.homeUnit.code })}</p>
          ) : null}
          <h2>{t('home.yourUnits')}</h2>
          {me.data.roles.length === 0 ? (
            <p>{t('home.noUnits')}</p>
          ) : (
            <ul className="unit-cards">
              {groupByUnit(me.data.roles).map((unit) => (
                <li key={unit.unitId} className="card unit-card">
                  <p className="unit-card__name">{unit.unitName}</p>
                  <p className="muted">{t('home.unitCode', { code: unit.unitCode })}</p>
                  <ul className="unit-card__roles">
                    {unit.assignments.map((a) => (
                      <li key={`${a.role}:${a.onBehalfOf?.userId ?? ''}`}>
                        {t(`role.${a.role}`)}
                        {a.onBehalfOf ? ` (${t('header.onBehalfOf', { name: a.onBehalfOf.fullName })})` : ''}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('home.tasksTitle')}</h2>
          <p className="notice">{t('home.tasksNotAvailable')}</p>
        </>
      ) : null}
    </section>
  );
}
