import { Foundation1764216000000 } from './1764216000000-foundation';

/** Migrations in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [Foundation1764216000000];
