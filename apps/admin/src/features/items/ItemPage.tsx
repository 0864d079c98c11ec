import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ItemVoteView, WorkItemView } from '@thidua/contracts';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useRestoreFocus } from '../../components/use-restore-focus';
import { isMessageKey, type PlainMessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n-context';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/auth.hooks';
import { DossierPanel } from '../campaigns/DossierPanel';
import { useAwardFormNames, useNominations } from '../campaigns/campaigns.hooks';
import { Attachments } from './Attachments';
import { Comments } from './Comments';
import { HelpPanel } from './HelpPanel';
import { enumLabel, problemMessage, problemsToMessages, labelForPath } from './field-messages';
import { allFields, asDefinition, displayValue, formPath, localized, stageOf, toData, validateFields, type FieldProblem } from './field-schema';
import { lastReturn, mayEditFields, toAllowedActions, type AllowedAction } from './item-actions';
import { useAllowedActions, useDefinition, useItem, useItemAction, useItemHistory, useSaveItemData, useUnit } from './items.hooks';
import { SchemaForm } from './SchemaForm';
import { Timeline } from './Timeline';
import './items.css';

const KNOWN_PROBLEMS = new Set(['required', 'invalid_type', 'invalid_format', 'invalid_enum', 'too_small', 'too_big']);

export default function ItemPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const item = useItem(id);
  const def = useDefinition(item.data?.definitionId);
  const history = useItemHistory(id);
  const allowed = useAllowedActions(id, item.data?.version);
  const me = useMe();
  const unit = useUnit(item.data?.unitId);
  // The unit the item waits at is nearly always the item's unit or one of its ancestors, whose chain is known from
  // the item's unit; only otherwise is it fetched (an officer may not open the parent unit: 404).
  const assignmentUnitId = item.data?.assignment?.unitId;
  const chain = unit.data ? [...unit.data.ancestors.map((a) => a.id), unit.data.id] : null;
  const chainIndex = chain && assignmentUnitId ? chain.indexOf(assignmentUnitId) : -1;
  const assignmentUnit = useUnit(chain && chainIndex < 0 ? assignmentUnitId : undefined);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // After an action the buttons it came from may be gone (the stage moved on): the focus goes to what happened.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const awardForms = useAwardFormNames();
  usePageTitle(item.data?.title ?? t('items.title'));

  if (item.isPending) return <PageLoading />;
  if (item.isError) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">{t('items.title')}</h1>
        <ErrorAlert error={item.error} />
        <p>
          <Link to="/inbox">{t('items.backToInbox')}</Link>
        </p>
      </section>
    );
  }
  const w = item.data;
  const definition = asDefinition(def.data?.definition);
  const unitNames = new Map<string, string>();
  if (unit.data) {
    unitNames.set(unit.data.path, unit.data.name);
    for (const a of unit.data.ancestors) unitNames.set(a.path, a.name);
  }
  const assignmentName = w.assignment ? (unitNames.get(w.assignment.unitPath) ?? assignmentUnit.data?.name ?? w.assignment.unitPath) : '';
  const ready = def.data && me.data && unit.data;
  const stage = stageOf(definition, w.stage);
  const stageName = localized(stage?.name ?? w.stageName ?? undefined, language, w.stage);
  const returned = history.data ? lastReturn(w, history.data) : null;
  // Exactly what the engine allows this user now (GET /api/items/:id/allowed-actions); no workflow rule here.
  const canEdit = ready && allowed.data ? mayEditFields(w, allowed.data) : false;
  const actions = ready && allowed.data && allowed.data.version === w.version ? toAllowedActions(allowed.data, language) : [];
  const fields = allFields(definition);
  const canUpload =
    w.status !== 'final' && Boolean(me.data) && (w.submitterId === me.data?.id || canEdit || actions.some((a) => a.action !== 'claim'));

  return (
    <section className="page item-page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/inbox">{t('nav.inbox')}</Link> / {def.data ? localized(def.data.name, language, w.workflow) : w.workflow}
      </p>
      <h1 id="page-title">{w.title}</h1>
      <p>
        <Link to={`/items/${w.id}/print`}>{t('print.open')}</Link>
      </p>
      <dl className="item-summary">
        <div>
          <dt>{t('items.unit')}</dt>
          <dd>{unit.data?.name ?? w.unitPath}</dd>
        </div>
        <div>
          <dt>{t('items.stage')}</dt>
          <dd>
            {w.status === 'final' ? <StatusBadge outcome={w.outcome} /> : stageName}
            {w.status === 'suspended' ? ` (${t('items.status.suspended')})` : ''}
          </dd>
        </div>
        {w.assignment && w.status !== 'final' ? (
          <div>
            <dt>{t('items.waitingFor')}</dt>
            <dd>
              {t(`role.${w.assignment.role}`)} · {assignmentName}
              {w.assignment.claimedBy
                ? ` · ${w.assignment.claimedBy === me.data?.id ? t('items.claimedByYou') : t('items.claimedByOther')}`
                : ''}
            </dd>
          </div>
        ) : null}
        {w.dueAt && w.status !== 'final' ? (
          <div>
            <dt>{t('items.due')}</dt>
            <dd>
              {formatDate(w.dueAt)} {w.isOverdue ? <span className="badge badge--late">{t('items.overdue')}</span> : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('items.updated')}</dt>
          <dd>{formatDateTime(w.updatedAt)}</dd>
        </div>
      </dl>

      {returned ? (
        <div className="returned" role="region" aria-labelledby="returned-title">
          <h2 id="returned-title">{t('items.returned.title')}</h2>
          <p>
            {t('items.returned.when', {
              when: formatDateTime(returned.occurredAt),
              unit: (returned.actorUnitPath && unitNames.get(returned.actorUnitPath)) || t('items.timeline.someone'),
            })}
          </p>
          <p className="returned__reason">
            <strong>{t('items.returned.reason')}:</strong> {returned.comment ?? '—'}
          </p>
        </div>
      ) : null}

      {w.vote ? <VoteSummary vote={w.vote} stageName={localized(stageOf(definition, w.vote.stage)?.name, language, w.vote.stage)} /> : null}

      {def.isError ? <ErrorAlert error={def.error} /> : null}
      {!ready ? <PageLoading /> : null}
      {ready && me.data ? (
        <ItemWork key={`${w.id}`} item={w} definition={definition} canEdit={canEdit} actions={actions} onDone={setDone} />
      ) : null}
      {done ? (
        <p className="alert alert--success" role="status" tabIndex={-1} ref={doneRef}>
          {done}
        </p>
      ) : null}

      {!canEdit && def.data ? (
        <section className="card item-section" aria-labelledby="data-title">
          <h2 id="data-title">{t('items.data')}</h2>
          {Object.keys(w.data).length === 0 ? (
            <p className="muted">{t('items.noData')}</p>
          ) : (
            <dl className="data-list">
              {[...fields.filter((f) => f.name in w.data), ...Object.keys(w.data).filter((k) => !fields.some((f) => f.name === k)).map((name) => ({ name, type: 'string' as const }))].map(
                (f) => (
                  <div key={f.name}>
                    <dt>{'label' in f ? localized(f.label, language, f.name) : dataKeyLabel(f.name, t)}</dt>
                    <dd className="data-list__value">
                      {'label' in f && (f.type === 'date' || typeof w.data[f.name] === 'number' || typeof w.data[f.name] === 'boolean')
                        ? displayValue(w.data[f.name], f, language, t('items.value.yes'), t('items.value.no'))
                        : dataValue(f.name, w.data[f.name], t, awardForms)}
                    </dd>
                  </div>
                ),
              )}
            </dl>
          )}
        </section>
      ) : null}

      {w.workflow === 'commendation' && w.campaignId ? <CommendationDossier itemId={w.id} campaignId={w.campaignId} /> : null}

      <Attachments itemId={w.id} canUpload={canUpload} />

      {me.data ? <HelpPanel itemId={w.id} meId={me.data.id} /> : null}

      <Comments itemId={w.id} />

      <section className="card item-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('items.timeline.title')}</h2>
        {history.isError ? <ErrorAlert error={history.error} /> : null}
        {history.data && me.data ? (
          <Timeline events={history.data} def={definition} fields={fields} meId={me.data.id} unitNames={unitNames} />
        ) : null}
      </section>
    </section>
  );
}

/**
 * The workflow vote: while open, how many of the eligible have voted and whether you did (the tally stays hidden);
 * once closed, the outcome and the counts — never who chose what.
 */
function VoteSummary({ vote, stageName }: { vote: ItemVoteView; stageName: string }) {
  const { t } = useI18n();
  return (
    <section className="card item-section item-vote" aria-labelledby="vote-title">
      <h2 id="vote-title">
        {t('items.vote.title')}: {stageName}
      </h2>
      <p>
        <span className="badge">{vote.status === 'open' ? t('items.vote.open') : t('items.vote.closed')}</span>{' '}
        {t('items.vote.progress', { cast: vote.cast, eligible: vote.eligible })}
        {vote.hasVoted ? ` · ${t('items.vote.youVoted')}` : ''}
      </p>
      {vote.tally ? (
        <>
          {vote.outcome ? (
            <p>
              <strong>{t('council.outcome')}:</strong> {t(`council.outcome.${vote.outcome}`)}
            </p>
          ) : null}
          <table className="vote-tally">
            <caption>{t('items.vote.tally')}</caption>
            <tbody>
              {(['yes', 'no', 'abstain'] as const).map((c) => (
                <tr key={c}>
                  <th scope="row">{t(`council.choice.${c}`)}</th>
                  <td>{vote.tally?.[c] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="muted">{t('items.vote.tallyAfterClose')}</p>
      )}
      {vote.ballot === 'secret' ? <p className="muted">{t('items.vote.secret')}</p> : null}
    </section>
  );
}

export function StatusBadge({ outcome }: { outcome: string | null }) {
  const { t } = useI18n();
  const key = `items.outcome.${outcome ?? 'completed'}`;
  return <span className={`badge badge--${outcome ?? 'completed'}`}>{isMessageKey(key) ? t(key as PlainMessageKey) : outcome}</span>;
}

export function actionLabel(a: Pick<AllowedAction, 'action' | 'label'>, t: ReturnType<typeof useI18n>['t']): string {
  if (a.label) return a.label;
  const key = `items.action.${a.action}`;
  return isMessageKey(key) ? t(key as PlainMessageKey) : a.action;
}

interface ItemWorkProps {
  item: WorkItemView;
  definition: ReturnType<typeof asDefinition>;
  canEdit: boolean;
  actions: AllowedAction[];
  onDone: (message: string | null) => void;
}

/** The form of the current stage (when the user fills it) and the actions allowed now. */
function ItemWork({ item, definition, canEdit, actions, onDone }: ItemWorkProps) {
  const { t, language } = useI18n();
  const stage = stageOf(definition, item.stage);
  const stageFields = useMemo(() => stage?.fields ?? [], [stage]);
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...(item.draft ?? {}), ...item.data }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [choice, setChoice] = useState<'yes' | 'no' | 'abstain' | ''>('');
  const setDone = onDone;
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const save = useSaveItemData(item.id);
  const act = useItemAction(item.id);
  const busy = save.isPending || act.isPending;
  useRestoreFocus(busy);

  const fieldErrorsFrom = (error: unknown): Record<string, string> => {
    if (!(error instanceof ApiError)) return {};
    const out: Record<string, string> = {};
    for (const f of error.fields) {
      const path = formPath(f.path);
      if (!path || path.startsWith('headers.')) continue;
      const label = labelForPath(stageFields, path, language, t);
      out[path] ??= KNOWN_PROBLEMS.has(f.reason) ? problemMessage({ path, code: f.reason as FieldProblem['code'] }, label, t) : f.message;
    }
    return out;
  };

  useEffect(() => {
    if (Object.keys(errors).length > 0) summaryRef.current?.focus();
  }, [errors]);

  const payload = () => {
    const data = toData(stageFields, values);
    // A field emptied by the user is cleared on the server too.
    for (const f of stageFields) if (!(f.name in data) && item.data[f.name] !== undefined) data[f.name] = null;
    return data;
  };

  const onSave = () => {
    setDone(null);
    setErrors({});
    save.mutate(
      { data: payload(), expectedVersion: item.version },
      {
        onSuccess: (saved) => {
          setSavedAt(saved.updatedAt);
          setValues({ ...saved.data });
        },
        onError: (e) => setErrors(fieldErrorsFrom(e)),
      },
    );
  };

  const run = (a: AllowedAction) => {
    setDone(null);
    setCommentError(null);
    let data: Record<string, unknown> | undefined;
    if (a.sendsData && canEdit) {
      data = payload();
      const problems = validateFields(stageFields, Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null)));
      if (problems.length > 0) {
        setErrors(problemsToMessages(problems, stageFields, language, t));
        return;
      }
    }
    setErrors({});
    if (a.needsComment && comment.trim() === '') {
      setCommentError(t('items.commentRequired', { action: actionLabel(a, t).toLocaleLowerCase() }));
      document.getElementById(`comment-${item.id}`)?.focus();
      return;
    }
    if (a.action === 'vote' && !choice) {
      setCommentError(t('items.vote.chooseFirst'));
      return;
    }
    act.mutate(
      {
        action: a.action,
        expectedVersion: item.version,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(data ? { data } : {}),
        ...(a.action === 'vote' && choice ? { choice } : {}),
      },
      {
        onSuccess: (next) => {
          setDone(t('items.done', { action: actionLabel(a, t) }));
          setComment('');
          setValues({ ...next.data });
        },
        onError: (e) => setErrors(fieldErrorsFrom(e)),
      },
    );
  };

  const errorList = Object.entries(errors);
  const needsCommentBox = actions.some((a) => a.action !== 'claim' && a.action !== 'release' && a.action !== 'vote');
  const idPrefix = `f-${item.id.slice(0, 8)}`;

  return (
    <>
      {errorList.length > 0 ? (
        <div className="alert alert--error" role="alert" tabIndex={-1} ref={summaryRef}>
          <p className="alert__title">{t('items.form.fixErrors', { count: errorList.length })}</p>
          <ul>
            {errorList.map(([path, message]) => (
              <li key={path}>
                <a href={`#${idPrefix}-${path.replace(/[^\w-]/g, '_')}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canEdit ? (
        <section className="card item-section" aria-labelledby="form-title">
          <h2 id="form-title">{t('items.form.title', { stage: localized(stage?.name, language, item.stage) })}</h2>
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              onSave();
            }}
          >
            <SchemaForm fields={stageFields} values={values} onChange={setValues} errors={errors} idPrefix={idPrefix} disabled={busy} />
            <div className="form-actions">
              <button type="submit" className="button button--secondary" disabled={busy}>
                {save.isPending ? t('items.form.saving') : t('items.form.saveDraft')}
              </button>
              {savedAt ? (
                <span role="status" className="muted">
                  {t('items.form.savedAt', { when: formatDateTime(savedAt) })}
                </span>
              ) : null}
            </div>
            {save.isError && Object.keys(fieldErrorsFrom(save.error)).length === 0 ? <ErrorAlert error={save.error} /> : null}
          </form>
        </section>
      ) : null}

      {actions.length > 0 ? (
        <section className="card item-section" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('items.actions.title')}</h2>
          {actions.some((a) => a.action === 'vote') ? (
            <fieldset className="field field--group">
              <legend>{t('items.vote.legend')}</legend>
              {(['yes', 'no', 'abstain'] as const).map((c) => (
                <div key={c} className="field field--inline">
                  <input type="radio" id={`vote-${c}`} name="vote" value={c} checked={choice === c} onChange={() => setChoice(c)} />
                  <label htmlFor={`vote-${c}`}>{t(`council.choice.${c}`)}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          {needsCommentBox ? (
            <div className="field">
              <label htmlFor={`comment-${item.id}`}>{t('items.comment')}</label>
              <textarea
                id={`comment-${item.id}`}
                rows={3}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                aria-invalid={commentError ? true : undefined}
                aria-describedby={commentError ? `comment-${item.id}-error` : `comment-${item.id}-hint`}
              />
              <p id={`comment-${item.id}-hint`} className="field__hint">
                {t('items.commentHint')}
              </p>
              {commentError ? (
                <p id={`comment-${item.id}-error`} className="field__error">
                  {commentError}
                </p>
              ) : null}
            </div>
          ) : commentError ? (
            <p className="field__error">{commentError}</p>
          ) : null}
          <div className="form-actions">
            {actions.map((a) => (
              <button
                key={a.action}
                type="button"
                className={`button ${a.tone === 'secondary' ? 'button--secondary' : a.tone === 'danger' ? 'button--danger' : ''}`}
                disabled={busy}
                onClick={() => run(a)}
              >
                {actionLabel(a, t)}
              </button>
            ))}
          </div>
          {act.isError && Object.keys(fieldErrorsFrom(act.error)).length === 0 ? <ErrorAlert error={act.error} /> : null}
          {act.isError && act.error instanceof ApiError && act.error.code === 'ITEM_CHANGED' ? (
            <p>{t('items.conflict')}</p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}


/** A commendation item of a campaign: its nomination's dossier (report, meeting, tờ trình, biên bản, decision). */
function CommendationDossier({ itemId, campaignId }: { itemId: string; campaignId: string }) {
  const nominations = useNominations(campaignId);
  const n = nominations.data?.find((x) => x.itemId === itemId);
  return n ? <DossierPanel nomination={n} /> : null;
}

/** The label of a data key the definition does not declare (written by a domain module): the dictionary's, else the key. */
export function dataKeyLabel(name: string, t: ReturnType<typeof useI18n>['t']): string {
  const key = `dataKey.${name}`;
  return isMessageKey(key) ? t(key as PlainMessageKey) : name;
}

/** A value of such a key, with its stored codes turned into labels (award forms by the catalogue's names). */
export function dataValue(name: string, value: unknown, t: ReturnType<typeof useI18n>['t'], awardForms: ReadonlyMap<string, string>): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('items.value.yes') : t('items.value.no');
  if (Array.isArray(value)) return value.map((v) => dataValue(name, v, t, awardForms)).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${dataKeyLabel(k, t)}: ${dataValue(k, v, t, awardForms)}`)
      .join(', ');
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  if (name === 'awardForm' && typeof value === 'string') return awardForms.get(value) ?? enumLabel('awardLevel', value, t);
  return enumLabel(name, value, t);
}
