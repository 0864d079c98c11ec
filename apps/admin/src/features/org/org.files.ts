import type { ImportFormat, ImportReport } from '@thidua/contracts';
import { ApiError } from '../../api/api-error';
import { apiClient } from '../../api/http-client';
import { getSession } from '../../api/token-store';
import { getLanguage } from '../../i18n/language-store';

/**
 * Import and export of units and users: files, not JSON, so not through `apiRequest`. The upload goes through
 * XMLHttpRequest for its progress events; both send the bearer token and renew it once on TOKEN_EXPIRED, like
 * `apiRequest` does.
 */

export type OrgFileEntity = 'units' | 'users';
const BASE = import.meta.env.VITE_API_BASE_URL ?? '/api';

async function accessToken(): Promise<string> {
  const session = getSession();
  if (!session) throw new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: '', language: getLanguage() });
  if (session.accessExpiresAt - Date.now() > 30_000) return session.accessToken;
  return (await apiClient.renew(session.accessToken)).accessToken;
}

function errorFromText(status: number, text: string, requestId: string | null): Promise<ApiError> {
  return ApiError.fromResponse(new Response(text || null, { status, headers: requestId ? { 'x-request-id': requestId } : {} }), getLanguage());
}

function sendUpload(entity: OrgFileEntity, file: File, token: string, onProgress: (p: number) => void): Promise<{ status: number; text: string; requestId: string | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/${entity}/import`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLanguage());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText, requestId: xhr.getResponseHeader('x-request-id') });
    xhr.onerror = () => reject(ApiError.network(new Error('upload failed'), getLanguage()));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** Upload a CSV/XLSX file. Resolves with the import report; rejects with ApiError (IMPORT_INVALID: `details.rows`). */
export async function uploadImport(entity: OrgFileEntity, file: File, onProgress: (p: number) => void): Promise<ImportReport> {
  let token = await accessToken();
  let answer = await sendUpload(entity, file, token, onProgress);
  if (answer.status === 401) {
    const error = await errorFromText(answer.status, answer.text, answer.requestId);
    if (error.code !== 'TOKEN_EXPIRED') throw error;
    token = (await apiClient.renew(token)).accessToken;
    answer = await sendUpload(entity, file, token, onProgress);
  }
  if (answer.status < 200 || answer.status >= 300) throw await errorFromText(answer.status, answer.text, answer.requestId);
  return JSON.parse(answer.text) as ImportReport;
}

/** Download an export, reporting progress when the size is known, and hand it to the browser as a file. */
export async function downloadExport(entity: OrgFileEntity, format: ImportFormat, rootId: string | null, onProgress: (p: number) => void): Promise<{ fileName: string; bytes: number }> {
  const query = new URLSearchParams({ format });
  if (rootId) query.set('rootId', rootId);
  const fetchWith = async (token: string) =>
    fetch(`${BASE}/${entity}/export?${query}`, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': getLanguage() } });
  let token = await accessToken();
  let response: Response;
  try {
    response = await fetchWith(token);
    if (response.status === 401) {
      token = (await apiClient.renew(token)).accessToken;
      response = await fetchWith(token);
    }
  } catch (cause) {
    throw ApiError.network(cause, getLanguage());
  }
  if (!response.ok) throw await ApiError.fromResponse(response, getLanguage());
  const total = Number(response.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      if (total > 0) onProgress(loaded / total);
    }
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="?([^"]+)"?/.exec(disposition)?.[1] ?? `${entity}.${format}`;
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { fileName, bytes: loaded };
}
