/** The public face of the storage module: the port, its token and the module that provides it. */
export { StorageModule, createObjectStorage } from './storage.module';
export { OBJECT_STORAGE, assertObjectKey, type ObjectStorage } from './object-storage.port';
