import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { downloadFile } from '../../api/file-transfer';
import { useAttachments } from './items.hooks';
import { itemsKeys } from './items.keys';
import { dismissUpload, startUpload, useUploads } from './upload-store';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** The item's files: download each, and (when allowed) add one with its upload progress. */
export function Attachments({ itemId, canUpload }: { itemId: string; canUpload: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const list = useAttachments(itemId);
  const uploads = useUploads(itemId);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const inputId = `attach-${itemId}`;

  return (
    <section className="card item-section" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('items.attachments.title')}</h2>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.length === 0 ? <p className="muted">{t('items.attachments.none')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="attachment-list">
          {list.data.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setDownloadError(null);
                  downloadFile(`/items/${itemId}/attachments/${a.id}`, undefined, a.fileName, () => undefined).catch(setDownloadError);
                }}
              >
                {a.fileName}
              </button>{' '}
              <span className="muted">
                {t('items.attachments.meta', { size: formatBytes(a.sizeBytes), when: formatDateTime(a.createdAt) })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {downloadError ? <ErrorAlert error={downloadError} /> : null}
      {uploads.map((u) => (
        <div key={u.id} className="upload">
          <p className="upload__name">
            {u.fileName} <span className="muted">({formatBytes(u.sizeBytes)})</span>
          </p>
          {u.status === 'running' ? (
            <>
              <progress max={1} value={u.progress} aria-label={t('items.attachments.progress', { file: u.fileName })} />
              <span aria-live="polite"> {Math.round(u.progress * 100)}%</span>
            </>
          ) : null}
          {u.status === 'done' ? (
            <p role="status" className="upload__done">
              {t('items.attachments.uploaded', { file: u.fileName })}{' '}
              <button type="button" className="link-button" onClick={() => dismissUpload(u.id)}>
                {t('items.attachments.dismiss')}
              </button>
            </p>
          ) : null}
          {u.status === 'failed' ? (
            <>
              <ErrorAlert error={u.error} title={t('items.attachments.failed', { file: u.fileName })} />
              <button type="button" className="link-button" onClick={() => dismissUpload(u.id)}>
                {t('items.attachments.dismiss')}
              </button>
            </>
          ) : null}
        </div>
      ))}
      {canUpload ? (
        <div className="field">
          <label htmlFor={inputId}>{t('items.attachments.add')}</label>
          <input
            id={inputId}
            type="file"
            accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png,.txt,.csv,.zip"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              for (const file of files) {
                startUpload(itemId, file, () => void queryClient.invalidateQueries({ queryKey: itemsKeys.attachments(itemId) }));
              }
              e.target.value = '';
            }}
          />
          <p className="field__hint">{t('items.attachments.hint')}</p>
        </div>
      ) : null}
    </section>
  );
}
