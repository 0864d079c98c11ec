import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageErrorBoundary } from '../components/PageErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { UserMenu } from '../features/auth/UserMenu';
import { NotificationBadge } from '../features/notifications/NotificationBadge';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { useT } from '../i18n/i18n-context';
import { NAV_ITEMS } from './nav-items';

export function AppLayout() {
  const t = useT();
  const location = useLocation();
  const [isMenuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const isFirstRender = useRef(true);

  // After a client-side navigation, move focus to the new page, as a full page load would; close the phone menu.
  useEffect(() => {
    setMenuOpen(false);
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="header__bar">
          <Link to="/" className="header__brand">
            {t('app.name')}
          </Link>
          <button
            type="button"
            className="header__menu-button"
            aria-expanded={isMenuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('nav.menu')}
          </button>
          <GlobalSearch />
          <div className="header__tools">
            <NotificationBadge />
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
        <nav id="main-nav" className={`nav ${isMenuOpen ? 'nav--open' : ''}`} aria-label={t('nav.label')}>
          <ul className="nav__list">
            {NAV_ITEMS.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} end={item.path === '/'} className="nav__link">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <PageErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
    </div>
  );
}
