import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getBlob, openStudioDB } from "@/lib/client/db";
import { deleteTranscript, getTranscript, listTranscripts, matchesQuery, saveTranscript, updateTranscript } from "./transcripts";

const base = { title: "Standup", model: "openai/whisper-large-v3", text: "We shipped the transcribe page.", segments: [{ start: 0, end: 2, text: "We shipped" }] };

beforeEach(async () => {
  const db = await openStudioDB();
  await db.clear("transcripts");
  await db.clear("blobs");
});
afterEach(() => vi.restoreAllMocks());

describe("transcript history", () => {
  it("saves a transcript with its audio, lists newest first, renames, edits and deletes with the audio", async () => {
    const { record, audioKept } = await saveTranscript(base, { blob: new Blob([new Uint8Array([1, 2, 3])], { type: "audio/wav" }), name: "standup.wav" });
    expect(audioKept).toBe(true);
    expect(record.audioBlobId).toBeDefined();
    await new Promise((r) => setTimeout(r, 2));
    await saveTranscript({ ...base, title: "Later" });
    expect((await listTranscripts()).map((t) => t.title)).toEqual(["Later", "Standup"]);

    await updateTranscript(record.id, { title: "Monday standup", text: "Edited." });
    expect(await getTranscript(record.id)).toMatchObject({ title: "Monday standup", text: "Edited.", segments: base.segments });

    await deleteTranscript(record.id);
    expect(await getTranscript(record.id)).toBeUndefined();
    expect(await getBlob(record.audioBlobId!)).toBeUndefined();
  });

  it("keeps the transcript without audio when the audio does not fit (D-1)", async () => {
    const db = await openStudioDB();
    const put = db.put.bind(db);
    vi.spyOn(db, "put").mockImplementation(((store: string, value: never) => {
      if (store === "blobs") return Promise.reject(new DOMException("full", "QuotaExceededError"));
      return put(store as "transcripts", value);
    }) as typeof db.put);
    const { record, audioKept } = await saveTranscript(base, { blob: new Blob(["x"]), name: "a.wav" });
    expect(audioKept).toBe(false);
    expect(record.audioBlobId).toBeUndefined();
    expect(await getTranscript(record.id)).toMatchObject({ text: base.text });
  });

  it("searches titles and text, case-insensitively", async () => {
    const { record } = await saveTranscript(base);
    expect(matchesQuery(record, "SHIPPED")).toBe(true);
    expect(matchesQuery(record, "standup")).toBe(true);
    expect(matchesQuery(record, "holiday")).toBe(false);
    expect(matchesQuery(record, "  ")).toBe(true);
  });
});
