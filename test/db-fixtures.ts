import { openDB } from "idb";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { base64ToBytes } from "@/lib/client/backup";
import { MIGRATIONS, type StudioDB } from "@/lib/client/db";

/** A stored copy of the database as schema version `version` wrote it (test/fixtures/db-v<N>.json). */
export type DbFixture = { version: number; stores: Record<string, Record<string, unknown>[]> };

const DIR = path.join(process.cwd(), "test/fixtures");

export function fixtureVersions(): number[] {
  return readdirSync(DIR)
    .map((f) => /^db-v(\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => !!v)
    .map(Number)
    .sort((a, b) => a - b);
}

export function loadDbFixture(version: number): DbFixture {
  return JSON.parse(readFileSync(path.join(DIR, `db-v${version}.json`), "utf8")) as DbFixture;
}

/** `{$blob, type}` back into a Blob, as the app stored it. */
export function revive(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  for (const [k, v] of Object.entries(record)) {
    const blob = v as { $blob?: string; type?: string } | null;
    if (blob && typeof blob === "object" && typeof blob.$blob === "string") out[k] = new Blob([base64ToBytes(blob.$blob)], { type: blob.type ?? "" });
  }
  return out;
}

/**
 * Writes a fixture into database `name` exactly as its version would have: only the migrations up to that
 * version run, so opening it afterwards with the app's `openStudioDB(name)` exercises the real upgrade path.
 */
export async function seedFixture(name: string, fixture: DbFixture): Promise<void> {
  const db = await openDB(name, fixture.version, {
    upgrade(raw, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < fixture.version; v++) MIGRATIONS[v]!(raw as unknown as StudioDB, tx as unknown as Parameters<(typeof MIGRATIONS)[number]>[1]);
    },
  });
  const stores = Object.keys(fixture.stores);
  const tx = db.transaction(stores, "readwrite");
  await Promise.all([...stores.flatMap((s) => fixture.stores[s]!.map((r) => tx.objectStore(s).put(revive(r)))), tx.done]);
  db.close();
}
