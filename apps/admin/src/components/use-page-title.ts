import { useEffect } from 'react';
import { useT } from '../i18n/i18n-context';

/** Each page names itself in the browser tab, in the current language (screen readers announce it too). */
export function usePageTitle(page: string): void {
  const t = useT();
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [t, page]);
}
