/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the API lives; defaults to `/api` on the same origin. */
  readonly VITE_API_BASE_URL?: string;
}
