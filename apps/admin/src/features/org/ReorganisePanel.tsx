import { useEffect, useRef, useState } from 'react';
import type { ReorganisationReport, RoleMappingAction, UnitDetail } from '@thidua/contracts';
import { formatDate } from '../../i18n/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRestoreFocus } from '../../components/use-restore-focus';
import { useT } from '../../i18n/i18n-context';
import { ApiError } from '../../api/api-error';
import { isMessageKey, type PlainMessageKey } from '../../i18n/dictionary';
import { useReorganise, type ReorganisationOperation, type SearchHit } from './org.hooks';
import { UnitPicker } from './UnitPicker';

const OPERATIONS: readonly ReorganisationOperation[] = ['move', 'merge', 'dissolve'];

/**
 * Move, merge or dissolve this unit. The API's preview mode says first what would change (units re-pathed, people and
 * open items transferred, or what blocks a dissolve); the change itself needs that preview and a confirmation.
 */
export function ReorganisePanel({ unit }: { unit: UnitDetail }) {
  const t = useT();
  const [operation, setOperation] = useState<ReorganisationOperation>('move');
  const [target, setTarget] = useState<SearchHit | null>(null);
  const [previewed, setPreviewed] = useState<{ report: ReorganisationReport; key: string } | null>(null);
  const [done, setDone] = useState<ReorganisationReport | null>(null);
  const [effectiveAt, setEffectiveAt] = useState('');
  // The confirmed action per role assignment (merge/dissolve); starts from the preview's proposal (end).
  const [mapping, setMapping] = useState<Record<string, RoleMappingAction>>({});
  const mutation = useReorganise();
  // The buttons are disabled while the request runs: a preview gives the focus back to its button; an applied change
  // (its button stays disabled) puts it on the report of what was done.
  useRestoreFocus(mutation.isPending);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const key = `${operation}:${target?.id ?? ''}:${effectiveAt}`;
  const needsTarget = operation !== 'dissolve';
  const canPreview = !needsTarget || !!target;
  const isPreviewCurrent = previewed?.key === key;

  const roleMapping =
    operation === 'move' || !previewed
      ? undefined
      : previewed.report.roleMapping.map((r) => {
          const action = mapping[r.assignmentId] ?? r.action;
          return action === 'move' && target ? { assignmentId: r.assignmentId, action, toUnitId: target.id } : { assignmentId: r.assignmentId, action };
        });
  const run = (preview: boolean) =>
    mutation.mutate(
      { operation, unitId: unit.id, targetId: target?.id ?? null, preview, effectiveAt: effectiveAt || undefined, roleMapping: preview ? undefined : roleMapping },
      {
        onSuccess: (report) => {
          if (preview) {
            setPreviewed({ report, key });
            setMapping(Object.fromEntries(report.roleMapping.map((r) => [r.assignmentId, r.action])));
          }
          else {
            setDone(report);
            setPreviewed(null);
          }
        },
      },
    );
  const kindOrder = kindOrderOf(mutation.error, t);
  const blockers = mutation.error instanceof ApiError && mutation.error.code === 'UNIT_HAS_OPEN_WORK' ? (mutation.error.details as Partial<ReorganisationReport['blockers']>) : null;

  return (
    <section className="card org-reorg" aria-labelledby="reorg-title">
      <h2 id="reorg-title">{t('org.reorg.title')}</h2>
      <fieldset className="org-reorg__ops">
        <legend>{t('org.reorg.operation')}</legend>
        {OPERATIONS.map((op) => (
          <div className="field field--inline" key={op}>
            <input
              id={`reorg-${op}`}
              type="radio"
              name="reorg-operation"
              value={op}
              checked={operation === op}
              onChange={() => {
                setOperation(op);
                setTarget(null);
                mutation.reset();
              }}
            />
            <label htmlFor={`reorg-${op}`}>{t(`org.reorg.op.${op}`)}</label>
          </div>
        ))}
      </fieldset>
      <p className="muted">{t(`org.reorg.explain.${operation}`)}</p>
      <UnitPicker
        key={operation}
        label={t(`org.reorg.target.${operation}`)}
        value={target}
        onChange={(u) => {
          setTarget(u);
          mutation.reset();
        }}
        excludeIds={[unit.id]}
      />
      <div className="field">
        <label htmlFor="reorg-effective">{t('org.reorg.effectiveAt')}</label>
        <input
          id="reorg-effective"
          type="date"
          value={effectiveAt}
          onChange={(e) => {
            setEffectiveAt(e.target.value);
            mutation.reset();
          }}
          aria-describedby="reorg-effective-hint"
        />
        <p id="reorg-effective-hint" className="muted">
          {t('org.reorg.effectiveHint')}
        </p>
      </div>
      <div className="org-actions">
        <button type="button" className="button button--secondary" disabled={!canPreview || mutation.isPending} onClick={() => run(true)}>
          {t('org.reorg.preview')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!isPreviewCurrent || mutation.isPending || (!!previewed?.report.blockers && !previewed.report.target)}
          onClick={() => {
            if (window.confirm(t('org.reorg.confirm', { operation: t(`org.reorg.op.${operation}`), name: unit.name }))) run(false);
          }}
        >
          {t('org.reorg.apply')}
        </button>
      </div>
      {mutation.isPending ? (
        <p role="status" className="muted">
          {t('org.reorg.working')}
        </p>
      ) : null}
      {mutation.isError ? <ErrorAlert error={mutation.error} title={t('org.reorg.failed')} /> : null}
      {kindOrder ? (
        <p className="field__error">
          {t('org.reorg.kindOrder', { child: kindOrder.child, childKind: kindOrder.childKind, parentKind: kindOrder.parentKind })}
        </p>
      ) : null}
      {blockers ? <BlockerList blockers={blockers} /> : null}
      {isPreviewCurrent && previewed ? <ReportView report={previewed.report} /> : null}
      {isPreviewCurrent && previewed && previewed.report.roleMapping.length > 0 ? (
        <table className="table org-roles" aria-label={t('org.reorg.roleMapping')}>
          <caption>{t('org.reorg.roleMappingHint')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('org.reorg.person')}</th>
              <th scope="col">{t('org.reorg.role')}</th>
              <th scope="col">{t('org.reorg.roleAction')}</th>
            </tr>
          </thead>
          <tbody>
            {previewed.report.roleMapping.map((r) => (
              <tr key={r.assignmentId}>
                <td>
                  {r.fullName} <span className="muted">(@{r.username})</span>
                </td>
                <td>{t(`role.${r.role}`)}</td>
                <td>
                  <select
                    aria-label={t('org.reorg.roleActionFor', { name: r.fullName, role: t(`role.${r.role}`) })}
                    value={mapping[r.assignmentId] ?? r.action}
                    onChange={(e) => setMapping((m) => ({ ...m, [r.assignmentId]: e.target.value as RoleMappingAction }))}
                  >
                    <option value="end">{t('org.reorg.roleEnd')}</option>
                    {target ? <option value="move">{t('org.reorg.roleMove', { name: target.name })}</option> : null}
                    <option value="keep">{t('org.reorg.roleKeep')}</option>
                  </select>
                  {(mapping[r.assignmentId] ?? r.action) === 'move' && r.widensIfMoved ? <p className="field__error">{t('org.reorg.widens')}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {done ? (
        <div tabIndex={-1} ref={doneRef}>
          <ReportView report={done} />
        </div>
      ) : null}
    </section>
  );
}

/** UNPROCESSABLE {reason: 'kind_order'}: a unit may only sit under a unit of a higher level. */
function kindOrderOf(error: unknown, t: ReturnType<typeof useT>): { child: string; childKind: string; parentKind: string } | null {
  if (!(error instanceof ApiError) || error.details.reason !== 'kind_order') return null;
  const kind = (k: unknown) => (typeof k === 'string' && isMessageKey(`unitKind.${k}`) ? t(`unitKind.${k}` as PlainMessageKey) : String(k ?? ''));
  return { child: String(error.details.child ?? ''), childKind: kind(error.details.childKind), parentKind: kind(error.details.parentKind) };
}

function ReportView({ report }: { report: ReorganisationReport }) {
  const t = useT();
  return (
    <div className={report.preview ? 'notice org-report' : 'alert alert--success org-report'} role="status" aria-live="polite">
      <p className="notice__title">{report.preview ? t('org.reorg.previewTitle') : t('org.reorg.doneTitle')}</p>
      <dl className="org-report__list">
        <div>
          <dt>{t('org.reorg.unit')}</dt>
          <dd>
            {report.unit.name} ({report.unit.code})
          </dd>
        </div>
        <div>
          <dt>{t('org.reorg.effectiveAt')}</dt>
          <dd>{formatDate(report.effectiveAt.slice(0, 10))}</dd>
        </div>
        {report.target ? (
          <div>
            <dt>{t('org.reorg.targetUnit')}</dt>
            <dd>
              {report.target.name} ({report.target.code})
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('org.reorg.unitsRepathed')}</dt>
          <dd>{report.unitsRepathed}</dd>
        </div>
        <div>
          <dt>{t('org.reorg.childUnitsMoved')}</dt>
          <dd>{report.childUnitsMoved}</dd>
        </div>
        <div>
          <dt>{t('org.reorg.rolesTransferred')}</dt>
          <dd>{report.roleAssignmentsTransferred}</dd>
        </div>
        <div>
          <dt>{t('org.reorg.openItemsTransferred')}</dt>
          <dd>{report.openItemsTransferred}</dd>
        </div>
        <div>
          <dt>{t('org.reorg.openItemsSuperseded')}</dt>
          <dd>{report.openWork.superseded}</dd>
        </div>
        <div>
          <dt>{t('org.reorg.openItemsReassigned')}</dt>
          <dd>{report.openWork.reassigned}</dd>
        </div>
        <div>
          <dt>{t('org.reorg.openItemsRepathed')}</dt>
          <dd>{report.openWork.repathed}</dd>
        </div>
      </dl>
      {report.scheduled ? <p>{t('org.reorg.scheduled', { date: formatDate(report.scheduled.effectiveAt.slice(0, 10)) })}</p> : null}
      {!report.preview && report.roleMapping.length > 0 ? (
        <ul aria-label={t('org.reorg.roleMapping')}>
          {report.roleMapping.map((r) => (
            <li key={r.assignmentId}>
              {r.fullName} — {t(`role.${r.role}`)}: {r.action === 'move' && r.toUnit ? t('org.reorg.roleMove', { name: r.toUnit.name }) : t(r.action === 'keep' ? 'org.reorg.roleKeep' : 'org.reorg.roleEnd')}
            </li>
          ))}
        </ul>
      ) : null}
      {/* With a destination the blockers are what moves (counted above); without one they stop the dissolve. */}
      {report.blockers && !report.target ? <BlockerList blockers={report.blockers} /> : null}
    </div>
  );
}

function BlockerList({ blockers }: { blockers: Partial<NonNullable<ReorganisationReport['blockers']>> }) {
  const t = useT();
  return (
    <div className="org-blockers">
      <p className="field__error">{t('org.reorg.blocked')}</p>
      <ul>
        {(blockers.childUnits ?? []).map((u) => (
          <li key={u.id}>{t('org.reorg.blockerChild', { name: u.name, code: u.code })}</li>
        ))}
        {(blockers.people ?? []).map((p) => (
          <li key={`${p.userId}:${p.role}`}>{t('org.reorg.blockerPerson', { name: p.fullName, role: t(`role.${p.role}`) })}</li>
        ))}
        {blockers.openItemCount ? <li>{t('org.reorg.blockerItems', { count: blockers.openItemCount })}</li> : null}
      </ul>
    </div>
  );
}
