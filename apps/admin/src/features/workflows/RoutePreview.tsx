import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { previewRoute, type WorkflowDefinition } from '@thidua/workflow-core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/i18n-context';
import { getUnit, listUnits } from '../org/org.api';
import type { SearchHit } from '../org/org.hooks';
import { UnitPicker } from '../org/UnitPicker';
import { fixedUnitCodes, previewTreeOf } from './preview-tree';
import { workflowKeys } from './workflows.keys';

/**
 * Where an item of a chosen unit would go, stage by stage, along the usual path (submit, approve…): workflow-core's
 * previewRoute over the unit's real chain of ancestors from the org API. Follows the definition as it is edited.
 */
export function RoutePreview({ definition }: { definition: WorkflowDefinition }) {
  const t = useT();
  const [unit, setUnit] = useState<SearchHit | null>(null);
  const codes = useMemo(() => fixedUnitCodes(definition), [definition]);
  const tree = useQuery({
    queryKey: workflowKeys.previewTree(unit?.id ?? '', codes),
    enabled: !!unit,
    queryFn: async ({ signal }) => {
      const detail = await getUnit(unit!.id, signal);
      const fixed = await Promise.all(
        codes.map(async (code) => (await listUnits({ q: code, limit: 10 }, signal)).items.find((u) => u.code === code) ?? null),
      );
      return { detail, tree: previewTreeOf(detail, fixed.filter((u) => u !== null)) };
    },
  });
  const stops = useMemo(() => {
    if (!unit || !tree.data) return null;
    try {
      return previewRoute(definition, unit.id, tree.data.tree);
    } catch {
      return null;
    }
  }, [definition, unit, tree.data]);
  const unitName = (id: string) => {
    const d = tree.data?.detail;
    if (!d) return id;
    if (d.id === id) return `${d.name} (${d.code})`;
    const a = d.ancestors.find((x) => x.id === id);
    return a ? `${a.name} (${a.code})` : id;
  };

  return (
    <section className="card wf-section" aria-labelledby="route-preview-title">
      <h2 id="route-preview-title">{t('workflows.routePreview')}</h2>
      <p className="muted">{t('workflows.routePreviewIntro')}</p>
      <UnitPicker label={t('workflows.routePreviewUnit')} value={unit} onChange={setUnit} />
      {tree.isError ? <ErrorAlert error={tree.error} /> : null}
      {unit && tree.isPending ? <p className="muted">{t('app.loading')}</p> : null}
      {stops ? (
        <ol className="wf-route" aria-label={t('workflows.routeFor', { unit: unit?.name ?? '' })}>
          {stops.map((s) => (
            <li key={s.stageId}>
              <strong>{s.stageName}</strong> <span className="muted">({t(`workflows.kind.${s.kind}`)})</span>
              <br />
              {s.kind === 'final'
                ? t('workflows.routeEnd')
                : s.unit
                  ? s.role
                    ? t('workflows.routeActor', { role: t(`role.${s.role}`), unit: unitName(s.unit.id) })
                    : t('workflows.routeUnit', { unit: unitName(s.unit.id) })
                  : t('workflows.routeNoUnit')}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
