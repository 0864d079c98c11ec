import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { DefinitionView } from '@thidua/contracts';
import { DEFAULT_HELD_VISIBILITY, IN_FLIGHT_ON_MOVE, toDiagram, validateDefinition, type Diagram, type InFlightOnMove, type Problem, type StageSpec, type WorkflowDefinition } from '@thidua/workflow-core';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { addStage, asDefinition, freshStageId, problemsByStage, removeStage, stageNames, WHOLE_DEFINITION, withStage } from './definition-model';
import { SelectInput, TextInput } from './form-controls';
import { HeldVisibilityInputs } from './HeldVisibilityInputs';
import { MigrationPanel } from './MigrationPanel';
import { ProblemText } from './ProblemText';
import { RoutePreview } from './RoutePreview';
import { StageEditor } from './StageEditor';
import { StatusBadge } from './StatusBadge';
import { WorkflowDiagram } from './WorkflowDiagram';
import { useCreateDraft, useDefinition, useDefinitions, usePublish, useRetire, useSaveDraft, useServerValidation } from './workflows.hooks';

/** /workflows/:id — one version of a workflow in the designer. */
export default function DefinitionEditorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const definition = useDefinition(id);
  usePageTitle(definition.data ? definition.data.name.vi : t('workflows.title'));
  if (definition.isPending) return <PageLoading />;
  if (definition.isError)
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">{t('workflows.title')}</h1>
        <ErrorAlert error={definition.error} />
        <Link to="/workflows">{t('workflows.backToList')}</Link>
      </section>
    );
  return <Editor key={definition.data.id} view={definition.data} />;
}

function safeDiagram(def: WorkflowDefinition): Diagram {
  try {
    return toDiagram(def);
  } catch {
    return { nodes: [], edges: [] };
  }
}

function Editor({ view }: { view: DefinitionView }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const all = useDefinitions({ key: view.key });
  const everyDefinition = useDefinitions();
  const [def, setDef] = useState<WorkflowDefinition>(() => asDefinition(view));
  const [isDirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string>(() => asDefinition(view).initialStage);
  const [serverProblems, setServerProblems] = useState<Problem[] | null>(null);
  const isDraft = view.status === 'draft';
  const save = useSaveDraft(view.id);
  const publish = usePublish(view.id);
  const retire = useRetire(view.id);
  const createDraft = useCreateDraft();
  const serverCheck = useServerValidation();

  // Leaving the tab with unsaved changes asks first.
  useEffect(() => {
    if (!isDirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const knownWorkflows = useMemo(
    () => [...new Set([...(everyDefinition.data ?? []).filter((d) => d.status === 'published').map((d) => d.key), def.key])],
    [everyDefinition.data, def.key],
  );
  // Validation and drawing follow the form, a keystroke behind when typing is fast.
  const deferred = useDeferredValue(def);
  const problems = useMemo(() => validateDefinition(deferred, { knownWorkflows }), [deferred, knownWorkflows]);
  const byStage = useMemo(() => problemsByStage(problems), [problems]);
  const problemCounts = useMemo(() => new Map([...byStage.entries()].map(([k, v]) => [k, v.length])), [byStage]);
  const diagram = useMemo(() => safeDiagram(deferred), [deferred]);
  const kindLabel = useCallback((kind: string) => t(`workflows.kind.${kind as StageSpec['kind']}`), [t]);

  const change = (next: WorkflowDefinition) => {
    setDef(next);
    setDirty(true);
    setServerProblems(null);
    if (save.isSuccess) save.reset();
    if (publish.isError) publish.reset();
  };
  const publishProblems = publish.error instanceof ApiError && Array.isArray(publish.error.details.problems) ? (publish.error.details.problems as Problem[]) : null;
  const shownServerProblems = serverProblems ?? publishProblems;
  const name = language === 'en' && def.name.en ? def.name.en : def.name.vi;
  const stageIds = Object.keys(def.stages);
  const names = stageNames(def.stages, language, (n) => t('workflows.unnamedStage', { n }));
  const wholeProblems = byStage.get(WHOLE_DEFINITION) ?? [];

  // Saved, the save button is disabled (nothing to save); published, the draft's buttons are gone: the focus goes to
  // the toolbar's status, which says what happened, not to the top of the page.
  const focusState = () => requestAnimationFrame(() => document.getElementById('wf-state')?.focus());
  const onSave = () =>
    save.mutate(def as unknown as Record<string, unknown>, {
      onSuccess: () => {
        setDirty(false);
        focusState();
      },
    });
  const onPublish = () => {
    if (!window.confirm(t('workflows.publishConfirm', { version: view.version }))) return;
    publish.mutate(isDirty ? (def as unknown as Record<string, unknown>) : null, {
      onSuccess: () => {
        setDirty(false);
        focusState();
      },
    });
  };
  const onServerCheck = () => serverCheck.mutate(def as unknown as Record<string, unknown>, { onSuccess: (r) => setServerProblems(r.problems) });

  return (
    <section className="page wf-editor" aria-labelledby="page-title">
      <p className="wf-breadcrumb">
        <Link to="/workflows">{t('workflows.backToList')}</Link>
      </p>
      <h1 id="page-title">
        {name} · {t('workflows.versionN', { version: view.version })} <StatusBadge status={view.status} />
      </h1>
      <p className="muted">
        <code>{view.key}</code> · {t('workflows.createdAt')}: {formatDateTime(view.createdAt)}
        {view.publishedAt ? ` · ${t('workflows.publishedAt')}: ${formatDateTime(view.publishedAt)}` : ''}
      </p>
      {!isDraft ? <p className="notice">{t(view.status === 'published' ? 'workflows.readOnlyPublished' : 'workflows.readOnlyRetired')}</p> : null}

      <div className="wf-toolbar" role="group" aria-label={t('workflows.actions')}>
        {isDraft ? (
          <>
            <button type="button" className="button" disabled={save.isPending || !isDirty} onClick={onSave}>
              {save.isPending ? t('workflows.saving') : t('workflows.saveDraft')}
            </button>
            <button type="button" className="button button--secondary" disabled={serverCheck.isPending} onClick={onServerCheck}>
              {t('workflows.checkOnServer')}
            </button>
            <button type="button" className="button" disabled={publish.isPending || problems.length > 0} onClick={onPublish} aria-describedby={problems.length > 0 ? 'publish-blocked' : undefined}>
              {publish.isPending ? t('workflows.publishing') : t('workflows.publish')}
            </button>
          </>
        ) : (
          <button type="button" className="button" disabled={createDraft.isPending} onClick={() => createDraft.mutate(view.definition, { onSuccess: (d) => navigate(`/workflows/${d.id}`) })}>
            {t('workflows.newDraftFrom', { version: view.version })}
          </button>
        )}
        {view.status === 'published' ? (
          <button type="button" className="button button--secondary" disabled={retire.isPending} onClick={() => window.confirm(t('workflows.retireConfirm', { version: view.version })) && retire.mutate()}>
            {t('workflows.retire')}
          </button>
        ) : null}
        <span className="wf-toolbar__state" role="status" id="wf-state" tabIndex={-1}>
          {isDraft ? (isDirty ? t('workflows.unsaved') : save.isSuccess ? t('workflows.saved') : '') : ''}
          {publish.isSuccess ? t('workflows.published', { version: view.version }) : ''}
        </span>
      </div>
      {isDraft && problems.length > 0 ? (
        <p id="publish-blocked" className="field__error">
          {t('workflows.publishBlocked', { count: problems.length })}
        </p>
      ) : null}
      {save.isError ? <ErrorAlert error={save.error} title={t('workflows.saveFailed')} /> : null}
      {publish.isError ? <ErrorAlert error={publish.error} title={t('workflows.publishFailed')} /> : null}
      {retire.isError ? <ErrorAlert error={retire.error} /> : null}
      {createDraft.isError ? <ErrorAlert error={createDraft.error} title={t('workflows.newDraftFailed')} /> : null}
      {serverCheck.isError ? <ErrorAlert error={serverCheck.error} /> : null}
      {shownServerProblems ? (
        <div className={shownServerProblems.length ? 'alert alert--error' : 'alert alert--success'} role="status">
          <p className="alert__title">{shownServerProblems.length ? t('workflows.serverProblems', { count: shownServerProblems.length }) : t('workflows.serverValid')}</p>
          <ul>
            {shownServerProblems.map((p, i) => (
              <li key={i}>
                <ProblemText problem={p} stageNames={names} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <details className="card wf-section" open={wholeProblems.length > 0 || undefined}>
        <summary>{t('workflows.general')}</summary>
        <div className="wf-fieldset__grid">
          <TextInput id="wf-name-vi" label={t('workflows.nameVi')} lang="vi" value={def.name.vi} isDisabled={!isDraft} onChange={(vi) => change({ ...def, name: { ...def.name, vi } })} />
          <TextInput id="wf-name-en" label={t('workflows.nameEn')} lang="en" value={def.name.en ?? ''} isDisabled={!isDraft} onChange={(en) => change({ ...def, name: { ...def.name, en } })} />
          <SelectInput id="wf-initial" label={t('workflows.initialStage')} value={def.initialStage} isDisabled={!isDraft} options={stageIds.map((s) => ({ value: s, label: names[s] ?? s }))} onChange={(initialStage) => change({ ...def, initialStage })} />
          <SelectInput
            id="wf-in-flight"
            label={t('workflows.inFlightOnMove')}
            value={def.inFlightOnMove ?? 'follow_tree'}
            isDisabled={!isDraft}
            options={IN_FLIGHT_ON_MOVE.map((r) => ({ value: r, label: t(`workflows.inFlightOnMove.${r}`) }))}
            onChange={(rule) => change({ ...def, inFlightOnMove: rule as InFlightOnMove })}
          />
        </div>
        <HeldVisibilityInputs idBase="wf-visibility" value={def.visibility} inherited={DEFAULT_HELD_VISIBILITY} isDisabled={!isDraft} onChange={(visibility) => change(visibility ? { ...def, visibility } : (({ visibility: _drop, ...rest }) => rest)(def))} />
        {wholeProblems.length > 0 ? (
          <ul className="field__error">
            {wholeProblems.map((p, i) => (
              <li key={i}>
                <ProblemText problem={p} stageNames={names} />
              </li>
            ))}
          </ul>
        ) : null}
      </details>

      <div className="wf-layout">
        <nav className="wf-stages card" aria-label={t('workflows.stages')}>
          <h2>{t('workflows.stages')}</h2>
          <p className="muted">{problems.length === 0 ? `✓ ${t('workflows.allValid')}` : t('workflows.problemTotal', { count: problems.length })}</p>
          <ul>
            {stageIds.map((s) => {
              const count = problemCounts.get(s) ?? 0;
              return (
                <li key={s}>
                  <button type="button" className="wf-stages__button" aria-current={s === selected ? 'true' : undefined} onClick={() => setSelected(s)}>
                    <span>{def.stages[s]?.name.vi || s}</span>
                    <span className="muted wf-stages__meta">
                      {kindLabel(def.stages[s]?.kind ?? 'task')}
                      {count > 0 ? ` · ⚠ ${t('workflows.problemCount', { count })}` : ''}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {isDraft ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                const sid = freshStageId(def);
                change(addStage(def, sid, t('workflows.newStageName')));
                setSelected(sid);
              }}
            >
              {t('workflows.addStage')}
            </button>
          ) : null}
        </nav>
        <WorkflowDiagram diagram={diagram} kindLabel={kindLabel} problemCounts={problemCounts} selected={selected} onSelect={setSelected} />
      </div>

      {def.stages[selected] ? (
        <StageEditor
          definition={def}
          stageId={selected}
          problems={byStage.get(selected) ?? []}
          knownWorkflows={knownWorkflows}
          isReadOnly={!isDraft}
          onChange={(stage) => change(withStage(def, selected, stage))}
          onRemove={() => {
            if (!window.confirm(t('workflows.removeStageConfirm', { stage: selected }))) return;
            change(removeStage(def, selected));
            setSelected(def.initialStage === selected ? (stageIds.find((s) => s !== selected) ?? '') : def.initialStage);
          }}
        />
      ) : null}

      <RoutePreview definition={deferred} />

      {view.status === 'published' && all.data ? <MigrationPanel target={view} versions={all.data} /> : null}

      <JsonEditor definition={def} isReadOnly={!isDraft} onChange={change} />
    </section>
  );
}

/** The whole definition as JSON, for what the form does not cover (guards, privileges…). Applied when it parses. */
function JsonEditor({ definition, isReadOnly, onChange }: { definition: WorkflowDefinition; isReadOnly: boolean; onChange: (d: WorkflowDefinition) => void }) {
  const t = useI18n().t;
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = text ?? JSON.stringify(definition, null, 2);
  return (
    <details className="card wf-section" onToggle={() => setText(null)}>
      <summary>{t('workflows.json')}</summary>
      <div className="field">
        <label htmlFor="wf-json">{t('workflows.jsonLabel')}</label>
        <textarea
          id="wf-json"
          className="wf-json"
          spellCheck={false}
          readOnly={isReadOnly}
          value={shown}
          rows={24}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'wf-json-error' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            try {
              const parsed = JSON.parse(e.target.value) as WorkflowDefinition;
              if (typeof parsed !== 'object' || parsed === null || typeof parsed.stages !== 'object') throw new Error('stages');
              setError(null);
              onChange(parsed);
            } catch {
              setError(t('workflows.jsonInvalid'));
            }
          }}
        />
        {error ? (
          <p id="wf-json-error" className="field__error">
            {error}
          </p>
        ) : null}
      </div>
    </details>
  );
}
