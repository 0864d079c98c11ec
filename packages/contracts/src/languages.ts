/**
 * The languages of the product. A module of its own, without zod: the admin's first bundle needs the list (the
 * language store) but none of the schemas, and a module's top-level schema calls cannot be tree-shaken away.
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
