import { useT } from '../i18n/i18n-context';

export function PageLoading() {
  const t = useT();
  return (
    <p className="page-loading" role="status" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}
