import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { usePageTitle } from '../../components/use-page-title';
import { getSessionEndReason } from '../../api/token-store';
import { useT } from '../../i18n/i18n-context';
import { useLogin, useOidcFinish, useOidcStart, useOidcStatus } from './auth.hooks';
import { useHasSession } from './session';

type Field = 'username' | 'password';

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  // Only paths inside the app: never an absolute URL handed over in history state.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/sign-in' ? from : '/';
}

/** What the provincial identity provider appended when it sent the browser back here (OpenID Connect). */
function providerAnswer(search: string): { code: string; state: string } | { error: string } | null {
  const params = new URLSearchParams(search);
  const code = params.get('code');
  const state = params.get('state');
  if (code && state) return { code, state };
  const error = params.get('error');
  return error ? { error: error.slice(0, 100) } : null;
}

export function SignInPage() {
  const t = useT();
  usePageTitle(t('signIn.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const hasSession = useHasSession();
  const login = useLogin();
  const oidcStatus = useOidcStatus();
  const oidcStart = useOidcStart();
  const oidcFinish = useOidcFinish();
  const [answer] = useState(() => providerAnswer(location.search));
  const answerHandled = useRef(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isPasswordVisible, setPasswordVisible] = useState(false);
  const [missing, setMissing] = useState<Partial<Record<Field, boolean>>>({});
  const [endReason] = useState(getSessionEndReason);
  const errorRef = useRef<HTMLDivElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (login.isError || oidcStart.isError || oidcFinish.isError) errorRef.current?.focus();
  }, [login.isError, login.failureCount, oidcStart.isError, oidcFinish.isError]);

  // Back from the provider: finish once (the code works only once), then drop code and state from the address bar.
  useEffect(() => {
    if (!answer || answerHandled.current) return;
    answerHandled.current = true;
    navigate('/sign-in', { replace: true, state: location.state });
    // On success the session exists and the <Navigate> below takes the browser where the sign-in began.
    if ('code' in answer) oidcFinish.mutate(answer);
  }, [answer, location.state, navigate, oidcFinish]);

  const isBusy = login.isPending || oidcFinish.isPending || oidcStart.isPending;
  const target = oidcFinish.isSuccess ? redirectTarget({ from: oidcFinish.data }) : redirectTarget(location.state);
  if (hasSession && !isBusy) return <Navigate to={target} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const nextMissing = { username: username.trim() === '', password: password === '' };
    setMissing(nextMissing);
    if (nextMissing.username) return usernameRef.current?.focus();
    if (nextMissing.password) return passwordRef.current?.focus();
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: () => navigate(redirectTarget(location.state), { replace: true }) },
    );
  };

  const usernameLabel = t('signIn.username');
  const passwordLabel = t('signIn.password');

  return (
    <div className="sign-in">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="sign-in__top">
        <span className="sign-in__brand">{t('app.name')}</span>
        <LanguageSwitch className="language-switch--light" />
      </header>
      <main id="main" className="sign-in__main" tabIndex={-1}>
        <section className="card sign-in__card" aria-labelledby="page-title">
          <h1 id="page-title">{t('signIn.title')}</h1>
          <p className="muted">{t('signIn.intro')}</p>
          {endReason && !login.isError && !answer ? (
            <p className="notice" role="status">
              {endReason === 'expired' ? t('signIn.sessionEnded') : t('signIn.signedOut')}
            </p>
          ) : null}
          {login.isError ? <ErrorAlert ref={errorRef} error={login.error} title={t('signIn.errorTitle')} /> : null}
          {oidcStart.isError || oidcFinish.isError ? (
            <ErrorAlert ref={errorRef} error={oidcStart.error ?? oidcFinish.error} title={t('signIn.errorTitle')} />
          ) : null}
          {answer && 'error' in answer ? (
            <div className="alert alert--error" role="alert">
              <p className="alert__title">{t('signIn.errorTitle')}</p>
              <p>{t('signIn.oidcProviderError', { error: answer.error })}</p>
            </div>
          ) : null}
          {oidcFinish.isPending ? (
            <p className="notice" role="status">
              {t('signIn.oidcFinishing')}
            </p>
          ) : null}
          <form className="form" onSubmit={onSubmit} noValidate>
            <div className="field">
              <label htmlFor="username">{usernameLabel}</label>
              <input
                id="username"
                name="username"
                ref={usernameRef}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                aria-invalid={missing.username || undefined}
                aria-describedby={missing.username ? 'username-error' : undefined}
                required
              />
              {missing.username ? (
                <p id="username-error" className="field__error">
                  {t('validation.required', { field: usernameLabel.toLocaleLowerCase() })}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="password">{passwordLabel}</label>
              <input
                id="password"
                name="password"
                ref={passwordRef}
                type={isPasswordVisible ? 'text' : 'password'}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={missing.password || undefined}
                aria-describedby={missing.password ? 'password-error' : undefined}
                required
              />
              {missing.password ? (
                <p id="password-error" className="field__error">
                  {t('validation.required', { field: passwordLabel.toLocaleLowerCase() })}
                </p>
              ) : null}
            </div>
            <div className="field field--inline">
              <input
                id="show-password"
                type="checkbox"
                checked={isPasswordVisible}
                onChange={(e) => setPasswordVisible(e.target.checked)}
              />
              <label htmlFor="show-password">{t('signIn.showPassword')}</label>
            </div>
            <button type="submit" className="button button--wide" disabled={isBusy}>
              {login.isPending ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </form>
          {oidcStatus.data?.enabled ? (
            <div className="sign-in__sso">
              <p className="sign-in__or muted">{t('signIn.or')}</p>
              <button
                type="button"
                className="button button--secondary button--wide"
                disabled={isBusy}
                onClick={() => oidcStart.mutate(redirectTarget(location.state))}
              >
                {oidcStart.isPending ? t('signIn.oidcRedirecting') : t('signIn.oidc')}
              </button>
            </div>
          ) : null}
        </section>
      </main>
    </div>
  );
}
