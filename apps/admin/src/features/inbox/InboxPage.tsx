import { FeatureNotAvailable } from '../../components/FeatureNotAvailable';
import { useT } from '../../i18n/i18n-context';

/** Placeholder until the inbox API lands: says so plainly, shows no data. */
export default function InboxPage() {
  const t = useT();
  return <FeatureNotAvailable title={t('nav.inbox')} />;
}
