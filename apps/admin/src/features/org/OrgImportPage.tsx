import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { UNIT_FILE_COLUMNS, USER_FILE_COLUMNS, type ImportFormat, type ImportRowProblem } from '@thidua/contracts';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/use-page-title';
import { useRestoreFocus } from '../../components/use-restore-focus';
import { useT } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { importStore, useImportRun } from './import-store';
import { downloadExport, type OrgFileEntity } from './org.files';
import type { SearchHit } from './org.hooks';
import { UnitPicker } from './UnitPicker';

const ENTITIES: readonly OrgFileEntity[] = ['units', 'users'];

/** Import units or users from CSV/XLSX, with every bad row reported; export a subtree in the same format. */
export function OrgImportPage() {
  const t = useT();
  usePageTitle(t('org.import.title'));
  return (
    <section className="page" aria-labelledby="page-title">
      <p>
        <Link to="/org">{t('org.backToTree')}</Link>
      </p>
      <h1 id="page-title">{t('org.import.title')}</h1>
      <ImportSection />
      <ExportSection />
    </section>
  );
}

function ImportSection() {
  const t = useT();
  const [entity, setEntity] = useState<OrgFileEntity>('units');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const run = useImportRun(entity);
  // The button is disabled while the file is sent and read: the focus comes back to it with the report.
  useRestoreFocus(run?.status === 'running');
  const fileRef = useRef<HTMLInputElement>(null);
  const columns = entity === 'units' ? UNIT_FILE_COLUMNS : USER_FILE_COLUMNS;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(t('org.import.chooseFile'));
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    importStore.start(entity, file);
  };
  const rows = run?.status === 'failed' && run.error instanceof ApiError && Array.isArray(run.error.details.rows) ? (run.error.details.rows as ImportRowProblem[]) : null;

  return (
    <section className="card org-section" aria-labelledby="import-title">
      <h2 id="import-title">{t('org.import.heading')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="org-reorg__ops">
          <legend>{t('org.import.what')}</legend>
          {ENTITIES.map((en) => (
            <div className="field field--inline" key={en}>
              <input id={`import-${en}`} type="radio" name="import-entity" checked={entity === en} onChange={() => setEntity(en)} />
              <label htmlFor={`import-${en}`}>{t(`org.import.entity.${en}`)}</label>
            </div>
          ))}
        </fieldset>
        <p className="muted" id="import-columns">
          {/* The column names are typed as they are in the file's first row: shown as code. */}
          {t('org.import.columnsLabel')}: <code>{columns.join(', ')}</code>
        </p>
        <div className="field">
          <label htmlFor="import-file">{t('org.import.file')}</label>
          <input
            ref={fileRef}
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'import-columns import-file-error' : 'import-columns'}
          />
          {fileError ? (
            <p id="import-file-error" className="field__error">
              {fileError}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button" disabled={run?.status === 'running'}>
            {t('org.import.submit')}
          </button>
        </div>
      </form>

      {run ? (
        <div className="org-run" aria-live="polite">
          <p className="muted">{t('org.import.runOf', { file: String(run.meta.fileName ?? ''), at: formatDateTime(run.startedAt) })}</p>
          {run.status === 'running' ? (
            <p role="status">
              <progress max={1} value={run.progress ?? undefined} aria-label={t('org.import.progress')} />{' '}
              {run.progress !== null && run.progress < 1 ? t('org.import.uploading', { percent: Math.round(run.progress * 100) }) : t('org.import.processing')}
              <br />
              <span className="muted">{t('org.import.canLeave')}</span>
            </p>
          ) : null}
          {run.status === 'interrupted' ? <p className="notice">{t('org.import.interrupted')}</p> : null}
          {run.status === 'done' && run.result ? (
            <p className="alert alert--success" role="status">
              {t('org.import.done', { rows: run.result.rows, created: run.result.created, updated: run.result.updated, unchanged: run.result.unchanged })}
            </p>
          ) : null}
          {run.status === 'failed' ? <ErrorAlert error={run.error} title={t('org.import.failed')} /> : null}
          {rows ? <RowErrors rows={rows} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function RowErrors({ rows }: { rows: readonly ImportRowProblem[] }) {
  const t = useT();
  return (
    <div className="org-table-wrap">
      <table className="org-table">
        <caption>{t('org.import.rowErrors', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('org.import.row')}</th>
            <th scope="col">{t('org.import.column')}</th>
            <th scope="col">{t('org.import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.row}:${r.column}:${i}`}>
              <td>{r.row}</td>
              <td>
                <code>{r.column}</code>
              </td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExportSection() {
  const t = useT();
  const [entity, setEntity] = useState<OrgFileEntity>('units');
  const [format, setFormat] = useState<ImportFormat>('xlsx');
  const [root, setRoot] = useState<SearchHit | null>(null);
  const [state, setState] = useState<{ status: 'idle' | 'running' | 'done' | 'failed'; progress: number | null; error?: unknown; fileName?: string }>({ status: 'idle', progress: null });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setState({ status: 'running', progress: null });
    downloadExport(entity, format, root?.id ?? null, (progress) => setState((s) => ({ ...s, progress }))).then(
      (r) => setState({ status: 'done', progress: 1, fileName: r.fileName }),
      (error: unknown) => setState({ status: 'failed', progress: null, error }),
    );
  };

  return (
    <section className="card org-section" aria-labelledby="export-title">
      <h2 id="export-title">{t('org.export.heading')}</h2>
      <form className="form" onSubmit={onSubmit}>
        <fieldset className="org-reorg__ops">
          <legend>{t('org.import.what')}</legend>
          {ENTITIES.map((en) => (
            <div className="field field--inline" key={en}>
              <input id={`export-${en}`} type="radio" name="export-entity" checked={entity === en} onChange={() => setEntity(en)} />
              <label htmlFor={`export-${en}`}>{t(`org.import.entity.${en}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="org-reorg__ops">
          <legend>{t('org.export.format')}</legend>
          {(['xlsx', 'csv'] as const).map((f) => (
            <div className="field field--inline" key={f}>
              <input id={`export-${f}`} type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} />
              <label htmlFor={`export-${f}`}>{f.toUpperCase()}</label>
            </div>
          ))}
        </fieldset>
        <UnitPicker label={t('org.export.root')} hint={t('org.export.rootHint')} value={root} onChange={setRoot} />
        <div>
          <button type="submit" className="button" disabled={state.status === 'running'}>
            {t('org.export.submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {state.status === 'running' ? (
          <p role="status">
            <progress max={1} value={state.progress ?? undefined} aria-label={t('org.export.progress')} /> {t('org.export.running')}
          </p>
        ) : null}
        {state.status === 'done' ? <p className="alert alert--success">{t('org.export.done', { file: state.fileName ?? '' })}</p> : null}
        {state.status === 'failed' ? <ErrorAlert error={state.error} /> : null}
      </div>
    </section>
  );
}
