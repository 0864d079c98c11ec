import { Link } from 'react-router-dom';
import { usePageTitle } from '../components/use-page-title';
import { useT } from '../i18n/i18n-context';

export default function NotFoundPage() {
  const t = useT();
  usePageTitle(t('notFound.title'));
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notAvailable.backHome')}</Link>
      </p>
    </section>
  );
}
