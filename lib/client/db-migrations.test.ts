import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { fixtureVersions, loadDbFixture, revive, seedFixture } from "@/test/db-fixtures";
import { DB_VERSION, MIGRATIONS, STORE_NAMES, openStudioDB } from "./db";

const blobAware = async (value: unknown) =>
  value && typeof value === "object" && "blob" in value && (value as { blob: unknown }).blob instanceof Blob
    ? { ...value, blob: Buffer.from(await (value as { blob: Blob }).blob.arrayBuffer()).toString("base64") }
    : value;

describe("D-3 schema migrations from stored fixtures", () => {
  it("has one migration per version and a stored fixture for every version up to the current one", () => {
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
    const versions = fixtureVersions();
    for (let v = 1; v <= DB_VERSION; v++) expect(versions, `test/fixtures/db-v${v}.json`).toContain(v);
  });

  for (const version of fixtureVersions()) {
    it(`opens a v${version} database at v${DB_VERSION} with every record and byte intact`, async () => {
      const name = `migrate-from-v${version}-${crypto.randomUUID()}`;
      const fixture = loadDbFixture(version);
      await seedFixture(name, fixture);
      const db = await openStudioDB(name);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());
      for (const [store, records] of Object.entries(fixture.stores)) {
        for (const record of records) {
          const stored = await db.get(store as (typeof STORE_NAMES)[number], record.id as string);
          expect(await blobAware(stored), `${store}/${String(record.id)}`).toEqual(await blobAware(revive(record)));
        }
      }
      // The indexes the UI reads by still answer.
      expect((await db.getAllFromIndex("messages", "byConversation", "c-v1-a")).map((m) => m.id).sort()).toEqual(["m-v1-1", "m-v1-2"]);
      const inTime = IDBKeyRange.bound(["c-v1-a", -Infinity], ["c-v1-a", Infinity]);
      expect((await db.getAllFromIndex("messages", "byConversationTime", inTime)).map((m) => m.id)).toEqual(["m-v1-1", "m-v1-2"]);
      expect((await db.getAllFromIndex("conversations", "byUpdated")).map((c) => c.id)).toEqual(["c-v1-a", "c-v1-b"]);
      expect(await db.countFromIndex("gallery", "byConversation", "c-v1-a")).toBe(1);
      expect(await db.count("transcripts")).toBe(fixture.stores.transcripts!.length);
      db.close();
    });
  }

  it("creates every store on a fresh browser (from version 0)", async () => {
    const db = await openStudioDB(`fresh-${crypto.randomUUID()}`);
    expect([...db.objectStoreNames].sort()).toEqual([...STORE_NAMES].sort());
    db.close();
  });
});
