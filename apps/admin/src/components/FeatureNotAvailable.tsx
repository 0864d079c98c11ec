import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n-context';
import { usePageTitle } from './use-page-title';

/** What a page shows until its API lands: a plain statement, never sample data. */
export function FeatureNotAvailable({ title }: { title: string }) {
  const t = useT();
  usePageTitle(title);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <div className="notice" role="status">
        <p className="notice__title">{t('notAvailable.heading')}</p>
        <p>{t('notAvailable.body', { feature: title })}</p>
      </div>
      <p>
        <Link to="/">{t('notAvailable.backHome')}</Link>
      </p>
    </section>
  );
}
