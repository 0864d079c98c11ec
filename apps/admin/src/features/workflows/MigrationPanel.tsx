import { useMemo, useState } from 'react';
import type { DefinitionView, MigrationPlanView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRestoreFocus } from '../../components/use-restore-focus';
import { useI18n, useT } from '../../i18n/i18n-context';
import { asDefinition, stageNames, stagesNeedingMapping } from './definition-model';
import { SelectInput } from './form-controls';
import { migrationStore, useMigrationRun } from './migration-store';
import { migrateItems } from './workflows.api';

interface MigrationPanelProps {
  /** The published version items move to. */
  target: DefinitionView;
  /** Every version of the same key. */
  versions: readonly DefinitionView[];
}

/**
 * Move running items of an older version to this published one: choose the old version, map the stages that no
 * longer exist, run a dry run (what moves, what cannot and why), then migrate. The run lives outside the page, so
 * the administrator can leave and come back to its progress and report.
 */
export function MigrationPanel({ target, versions }: MigrationPanelProps) {
  const { t, language } = useI18n();
  const older = versions.filter((v) => v.version < target.version && v.status !== 'draft').sort((a, b) => b.version - a.version);
  const [fromVersion, setFromVersion] = useState<number | null>(older[0]?.version ?? null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const run = useMigrationRun(target.key, target.version);
  // The buttons are disabled during a run: the focus goes back to the one pressed, or to the report when it stays disabled.
  useRestoreFocus(run?.status === 'running', 'migration-report');
  const from = older.find((v) => v.version === fromVersion) ?? null;
  const newDef = asDefinition(target);
  const needs = useMemo(() => (from ? stagesNeedingMapping(asDefinition(from), newDef) : []), [from, newDef]);
  const unnamed = (n: number) => t('workflows.unnamedStage', { n });
  const newNames = stageNames(newDef.stages, language, unnamed);
  const oldNames = from ? stageNames(asDefinition(from).stages, language, unnamed) : {};
  const stageOptions = [{ value: '', label: t('workflows.chooseStage') }, ...Object.keys(newDef.stages).map((id) => ({ value: id, label: newNames[id] ?? id }))];

  if (older.length === 0) return null;
  const start = (dryRun: boolean) => {
    if (!from) return;
    const stageMapping = Object.fromEntries(Object.entries(mapping).filter(([k, v]) => v && needs.includes(k)));
    migrationStore.start(target.key, target.version, dryRun, () => migrateItems(target.key, { fromVersion: from.version, toVersion: target.version, stageMapping, dryRun }));
  };
  const isRunning = run?.status === 'running';

  return (
    <section className="card wf-section" aria-labelledby="migration-title">
      <h2 id="migration-title">{t('workflows.migration')}</h2>
      <p className="muted">{t('workflows.migrationIntro', { version: target.version })}</p>
      <SelectInput id="migration-from" label={t('workflows.migrationFrom')} value={String(fromVersion ?? '')} isDisabled={isRunning} options={older.map((v) => ({ value: String(v.version), label: t('workflows.versionN', { version: v.version }) }))} onChange={(v) => setFromVersion(Number(v))} />
      {needs.length > 0 ? (
        <fieldset className="wf-fieldset">
          <legend>{t('workflows.stageMapping')}</legend>
          <p className="wf-hint">{t('workflows.stageMappingHint')}</p>
          <div className="wf-fieldset__grid">
            {needs.map((stageId) => (
              <SelectInput key={stageId} id={`map-${stageId}`} label={t('workflows.mapStage', { stage: oldNames[stageId] ?? '' })} value={mapping[stageId] ?? ''} isDisabled={isRunning} options={stageOptions} onChange={(v) => setMapping((m) => ({ ...m, [stageId]: v }))} />
            ))}
          </div>
        </fieldset>
      ) : from ? (
        <p>{t('workflows.noMappingNeeded')}</p>
      ) : null}
      <div className="wf-actions">
        <button type="button" className="button button--secondary" disabled={isRunning || !from} onClick={() => start(true)}>
          {t('workflows.dryRun')}
        </button>
        <button
          type="button"
          className="button"
          disabled={isRunning || !from || !(run?.status === 'done' && run.dryRun && run.result && run.result.moves.length > 0)}
          onClick={() => {
            if (window.confirm(t('workflows.migrateConfirm', { count: run?.result?.moves.length ?? 0 }))) start(false);
          }}
        >
          {t('workflows.migrateNow')}
        </button>
      </div>
      {isRunning ? (
        <p role="status" className="wf-progress">
          <progress aria-label={t('workflows.migrationRunning')} /> {run?.dryRun ? t('workflows.dryRunRunning') : t('workflows.migrationRunning')}
        </p>
      ) : null}
      {run?.status === 'failed' ? <ErrorAlert error={run.error} title={t('workflows.migrationFailed')} /> : null}
      {run?.status === 'done' && run.result ? <MigrationReport plan={run.result} /> : null}
    </section>
  );
}

function MigrationReport({ plan }: { plan: MigrationPlanView }) {
  const t = useT();
  return (
    <div role="status" className="wf-migration-report" id="migration-report" tabIndex={-1}>
      <p className={plan.dryRun ? 'notice' : 'alert alert--success'}>
        {plan.dryRun
          ? t('workflows.dryRunSummary', { moves: plan.moves.length, blocked: plan.blocked.length, from: plan.fromVersion, to: plan.toVersion })
          : t('workflows.migratedSummary', { moves: plan.moves.length, blocked: plan.blocked.length, from: plan.fromVersion, to: plan.toVersion })}
      </p>
      {plan.moves.length > 0 ? (
        <table className="wf-table">
          <caption>{plan.dryRun ? t('workflows.willMove') : t('workflows.moved')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('workflows.item')}</th>
              <th scope="col">{t('workflows.fromStage')}</th>
              <th scope="col">{t('workflows.toStage')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.moves.map((m) => (
              <tr key={m.itemId}>
                <td><code>{m.itemId}</code></td>
                <td>{m.fromStage}</td>
                <td>{m.toStage}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {plan.blocked.length > 0 ? (
        <table className="wf-table">
          <caption>{t('workflows.blocked')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('workflows.item')}</th>
              <th scope="col">{t('workflows.stage')}</th>
              <th scope="col">{t('workflows.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.blocked.map((b) => (
              <tr key={b.itemId}>
                <td><code>{b.itemId}</code></td>
                <td>{b.stage}</td>
                <td lang="en">{b.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
