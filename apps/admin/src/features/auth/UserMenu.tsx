import { useRef, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/i18n-context';
import { useLogout, useMe } from './auth.hooks';
import { describeRole, sortAssignments } from './role-label';

/**
 * The signed-in user in the header: name and main role always visible; every unit, role and delegation in a
 * disclosure (a native <details>, so keyboard and screen readers work without extra code).
 */
export function UserMenu() {
  const t = useT();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const detailsRef = useRef<HTMLDetailsElement>(null);

  if (!me.data) return <span className="user-menu__placeholder" aria-hidden="true" />;

  const assignments = sortAssignments(me.data.roles);
  const first = assignments[0];

  const close = () => {
    if (detailsRef.current) detailsRef.current.open = false;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key === 'Escape' && detailsRef.current?.open) {
      close();
      detailsRef.current.querySelector('summary')?.focus();
    }
  };
  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) });

  return (
    <details className="user-menu" ref={detailsRef} onKeyDown={onKeyDown}>
      {/* The accessible name holds the visible text (WCAG 2.5.3): the menu's purpose is read before it, hidden. */}
      <summary className="user-menu__summary">
        <span className="visually-hidden">{t('header.userMenu')}: </span>
        <span className="user-menu__name" data-testid="current-user-name">
          {me.data.fullName}
        </span>
        {first ? (
          <span className="user-menu__role">
            {describeRole(first, t)}
            {assignments.length > 1 ? ` +${assignments.length - 1}` : ''}
          </span>
        ) : null}
      </summary>
      <div className="user-menu__panel">
        <h2 className="user-menu__heading">{t('header.rolesAndUnits')}</h2>
        {assignments.length === 0 ? (
          <p>{t('header.noRoles')}</p>
        ) : (
          <ul className="role-list">
            {assignments.map((a) => (
              <li key={`${a.role}:${a.unitId}:${a.onBehalfOf?.userId ?? ''}`}>
                <span className="role-list__role">{t(`role.${a.role}`)}</span>
                <span className="role-list__unit">
                  {a.unitName} <span className="muted">({a.unitCode})</span>
                </span>
                {a.onBehalfOf ? (
                  <span className="role-list__delegation">{t('header.onBehalfOf', { name: a.onBehalfOf.fullName })}</span>
                ) : null}
                {a.workflows ? (
                  <span className="role-list__delegation">
                    {t('header.limitedTo', { workflows: a.workflows.join(', ') })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <div className="user-menu__actions">
          <Link to="/account/password" className="button button--secondary" onClick={close}>
            {t('header.changePassword')}
          </Link>
          <button type="button" className="button" onClick={signOut} disabled={logout.isPending}>
            {logout.isPending ? t('header.signingOut') : t('header.signOut')}
          </button>
        </div>
      </div>
    </details>
  );
}
