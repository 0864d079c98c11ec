import type { DefinitionStatus } from '@thidua/contracts';
import { useT } from '../../i18n/i18n-context';

/** Draft / published / retired, in words (never colour alone). */
export function StatusBadge({ status }: { status: DefinitionStatus }) {
  const t = useT();
  return <span className={`wf-badge wf-badge--${status}`}>{t(`workflows.status.${status}`)}</span>;
}
