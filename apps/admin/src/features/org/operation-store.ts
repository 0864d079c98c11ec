import { useSyncExternalStore } from 'react';
import { ApiError } from '../../api/api-error';

/**
 * Long operations (an import, a migration) that outlive the page that started them: the request keeps running when
 * the user navigates elsewhere in the app, and the page shows its progress or its report on return. Finished runs
 * are kept in sessionStorage, so the report survives a reload of the tab (a request cut by a reload is reported as
 * interrupted). Shared by the org and workflows features; a candidate for src/ once another feature needs it.
 */

export interface OperationRun<R> {
  status: 'running' | 'done' | 'failed' | 'interrupted';
  startedAt: string;
  finishedAt: string | null;
  /** 0..1 when the operation reports it (upload progress), null otherwise. */
  progress: number | null;
  result: R | null;
  error: unknown;
  /** Free data the caller attaches (dry run or not, file name…). */
  meta: Record<string, unknown>;
}

interface Stored<R> extends Omit<OperationRun<R>, 'error'> {
  error: { status: number; code: string; message: string; details: Record<string, unknown> } | null;
}

export function createOperationStore<R>(storageKey: string) {
  const runs = new Map<string, OperationRun<R>>();
  const listeners = new Set<() => void>();

  function storage(): Storage | null {
    try {
      return globalThis.sessionStorage ?? null;
    } catch {
      return null;
    }
  }

  function load(id: string): OperationRun<R> | undefined {
    const raw = storage()?.getItem(`${storageKey}:${id}`);
    if (!raw) return undefined;
    try {
      const s = JSON.parse(raw) as Stored<R>;
      const error = s.error ? new ApiError({ status: s.error.status, code: s.error.code, message: s.error.message, details: s.error.details }) : null;
      const run: OperationRun<R> = { ...s, error, status: s.status === 'running' ? 'interrupted' : s.status };
      runs.set(id, run);
      return run;
    } catch {
      return undefined;
    }
  }

  function save(id: string, run: OperationRun<R>): void {
    runs.set(id, run);
    const e = run.error instanceof ApiError ? { status: run.error.status, code: String(run.error.code), message: run.error.message, details: run.error.details } : run.error ? { status: 0, code: 'INTERNAL', message: '', details: {} } : null;
    try {
      storage()?.setItem(`${storageKey}:${id}`, JSON.stringify({ ...run, error: e } satisfies Stored<R>));
    } catch {
      // A full or unavailable storage only costs the report after a reload.
    }
    listeners.forEach((l) => l());
  }

  return {
    get(id: string): OperationRun<R> | undefined {
      return runs.get(id) ?? load(id);
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Starts `work` unless a run with this id is already going; `report` passes progress (0..1) back. */
    start(id: string, meta: Record<string, unknown>, work: (report: (progress: number) => void) => Promise<R>): void {
      if (runs.get(id)?.status === 'running') return;
      const base: OperationRun<R> = { status: 'running', startedAt: new Date().toISOString(), finishedAt: null, progress: null, result: null, error: null, meta };
      save(id, base);
      const report = (progress: number) => {
        const current = runs.get(id);
        if (current?.status === 'running') {
          runs.set(id, { ...current, progress });
          listeners.forEach((l) => l());
        }
      };
      work(report).then(
        (result) => save(id, { ...base, progress: 1, status: 'done', result, finishedAt: new Date().toISOString() }),
        (error: unknown) => save(id, { ...base, status: 'failed', error, finishedAt: new Date().toISOString() }),
      );
    },
    clear(id: string): void {
      runs.delete(id);
      storage()?.removeItem(`${storageKey}:${id}`);
      listeners.forEach((l) => l());
    },
  };
}

export type OperationStore<R> = ReturnType<typeof createOperationStore<R>>;

export function useOperationRun<R>(store: OperationStore<R>, id: string): OperationRun<R> | undefined {
  return useSyncExternalStore(store.subscribe, () => store.get(id));
}
