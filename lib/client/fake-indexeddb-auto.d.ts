// fake-indexeddb ships auto.d.ts but its package.json "exports" hides it from TypeScript; the import is for side effects only.
declare module "fake-indexeddb/auto";
