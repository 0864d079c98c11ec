/** See pglite-socket-patch.js. */
export declare function patchPgliteSocketServer<T>(server: T): T;
