import { ApiError } from './api-error';
import { apiClient } from './http-client';
import { getSession } from './token-store';
import type { ApiPaths } from './typed-client';
import { getLanguage } from '../i18n/language-store';

/**
 * Files, not JSON, so not through `apiRequest`: an upload through XMLHttpRequest for its progress events, and a
 * download through fetch with the bearer token (a plain link cannot carry it), handed to the browser as a file.
 * Both renew the session once on TOKEN_EXPIRED, like `apiRequest`.
 */

const BASE = import.meta.env.VITE_API_BASE_URL ?? '/api';

async function accessToken(): Promise<string> {
  const session = getSession();
  if (!session) throw new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: '', language: getLanguage() });
  if (session.accessExpiresAt - Date.now() > 30_000) return session.accessToken;
  return (await apiClient.renew(session.accessToken)).accessToken;
}

function errorFrom(status: number, text: string, requestId: string | null): Promise<ApiError> {
  const headers: Record<string, string> = requestId ? { 'x-request-id': requestId } : {};
  return ApiError.fromResponse(new Response(text || null, { status, headers }), getLanguage());
}

interface RawAnswer {
  status: number;
  text: string;
  requestId: string | null;
}

function sendFile(path: string, file: File, token: string, onProgress: (p: number) => void): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}${path}`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLanguage());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText, requestId: xhr.getResponseHeader('x-request-id') });
    xhr.onerror = () => reject(ApiError.network(new Error('upload failed'), getLanguage()));
    xhr.onabort = () => reject(ApiError.network(new Error('upload aborted'), getLanguage()));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** The JSON answer of a path's POST (201, else 200), from the generated document types. */
export type UploadAnswer<P extends keyof ApiPaths> = ApiPaths[P] extends { post: { responses: infer R } }
  ? R extends { 201: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 200: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

/** The path parameters of a path's POST (`{id}` …), none for a fixed path. */
export type UploadParams<P extends keyof ApiPaths> = ApiPaths[P] extends { post: { parameters: { path: infer X } } } ? X : Record<string, never>;

/**
 * POST a file as multipart field "file" to a route of the document (`/items/{id}/attachments`), reporting upload
 * progress (0..1). Resolves with the answer, typed from the document like the typed client's.
 */
export async function uploadFile<P extends keyof ApiPaths>(route: P, params: UploadParams<P>, file: File, onProgress: (p: number) => void): Promise<UploadAnswer<P>> {
  const values = params as Record<string, string>;
  const path = String(route).replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(values[key] ?? ''));
  let token = await accessToken();
  let answer = await sendFile(path, file, token, onProgress);
  if (answer.status === 401) {
    const error = await errorFrom(answer.status, answer.text, answer.requestId);
    // As every other call: renew once (an expired token, or a session version moved by a role or delegation change).
    if (error.code !== 'TOKEN_EXPIRED' && error.code !== 'UNAUTHENTICATED') throw error;
    token = (await apiClient.renew(token)).accessToken;
    answer = await sendFile(path, file, token, onProgress);
  }
  if (answer.status < 200 || answer.status >= 300) throw await errorFrom(answer.status, answer.text, answer.requestId);
  return JSON.parse(answer.text) as UploadAnswer<P>;
}

/** `filename*=UTF-8''…` (RFC 5987) or `filename="…"`. */
export function fileNameFromDisposition(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** GET a file with the session's token and save it; progress (0..1) when the size is known. */
export async function downloadFile(
  path: string,
  query: Record<string, string> | undefined,
  fallbackName: string,
  onProgress: (p: number) => void,
): Promise<{ fileName: string; bytes: number }> {
  const search = query ? `?${new URLSearchParams(query)}` : '';
  const fetchWith = (token: string) =>
    fetch(`${BASE}${path}${search}`, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': getLanguage() } });
  let token = await accessToken();
  let response: Response;
  try {
    response = await fetchWith(token);
    if (response.status === 401) {
      token = (await apiClient.renew(token)).accessToken;
      response = await fetchWith(token);
    }
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
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
  const fileName = fileNameFromDisposition(response.headers.get('content-disposition'), fallbackName);
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
