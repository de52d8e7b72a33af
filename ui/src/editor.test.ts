import { describe, expect, it } from "vitest";
import type { Appointment } from "./api";
import {
  changedFields, clearDraft, fromForm, lineAndColumn, loadDraft, offsetOf, reapply, saveDraft, shouldRenew, toForm, toLocalInput,
  type EditorForm,
} from "./editor";
import { observeServerTime, resetServerClock, serverNow } from "./serverClock";

const stored: Appointment = {
  id: "a1", version: 3, createdAt: "2030-01-01T00:00:00Z", updatedAt: "2030-01-01T00:00:00Z",
  title: "Knee review", patientName: "Ada", dateOfBirth: "1985-03-14", gender: "female",
  phone: null, address: "1 Main St", doctorName: null, note: "", description: null,
  startTime: "2030-05-06T09:00:00Z", endTime: "2030-05-06T09:30:15.5Z",
};

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(i: number) { return [...this.items.keys()][i] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

describe("toForm and fromForm", () => {
  it("writes back exactly what was stored when nothing was typed", () => {
    const body = fromForm(toForm(stored), stored);
    expect(body.phone).toBeNull();
    expect(body.note).toBe("");
    expect(body.description).toBeNull();
    expect(body.endTime).toBe(stored.endTime); // sub-second precision kept
    expect(body.startTime).toBe(stored.startTime);
  });

  it("sends typed values, and an emptied optional field as null", () => {
    const form = { ...toForm(stored), address: "", phone: "+44 20 7946 0000", startTime: "2030-05-06T10:15" };
    const body = fromForm(form, stored);
    expect(body.address).toBeNull();
    expect(body.phone).toBe("+44 20 7946 0000");
    expect(Date.parse(body.startTime)).toBe(new Date(2030, 4, 6, 10, 15).getTime());
  });

  it("shows seconds in a datetime input only when the instant has some", () => {
    expect(toLocalInput("2030-05-06T09:00:00Z")).not.toMatch(/:\d\d:\d\d$/);
    expect(toLocalInput("2030-05-06T09:00:07Z")).toMatch(/:07$/);
    expect(toLocalInput("not a date")).toBe("");
  });
});

describe("reapply", () => {
  const base = toForm(stored);
  it("keeps their changes and lays mine over them", () => {
    const theirs: EditorForm = { ...base, title: "Knee review (moved)" };
    const mine: EditorForm = { ...base, note: "Bring X-rays" };
    const result = reapply(theirs, base, mine);
    expect(result.form.title).toBe("Knee review (moved)");
    expect(result.form.note).toBe("Bring X-rays");
    expect(result.clashes).toEqual([]);
  });

  it("names a field both changed differently, and mine wins it", () => {
    const theirs: EditorForm = { ...base, title: "Theirs" };
    const mine: EditorForm = { ...base, title: "Mine" };
    const result = reapply(theirs, base, mine);
    expect(result.form.title).toBe("Mine");
    expect(result.clashes).toEqual(["title"]);
  });

  it("does not call the same change on both sides a clash", () => {
    const both: EditorForm = { ...base, title: "Same" };
    expect(reapply(both, base, both).clashes).toEqual([]);
  });

  it("lists changed fields in form order", () => {
    expect(changedFields(base, { ...base, note: "n", title: "t" })).toEqual(["title", "note"]);
  });
});

describe("drafts", () => {
  const base = toForm(stored);
  it("round-trips per user and appointment, and is gone once cleared", () => {
    const store = new MemoryStorage();
    saveDraft(store, "u1", "a1", { form: { ...base, note: "typed" }, base, baseVersion: 3, savedAt: 1 });
    expect(loadDraft(store, "u1", "a1")?.form.note).toBe("typed");
    expect(loadDraft(store, "u2", "a1")).toBeNull();
    expect(loadDraft(store, "u1", "a2")).toBeNull();
    clearDraft(store, "u1", "a1");
    expect(loadDraft(store, "u1", "a1")).toBeNull();
  });

  it("ignores a draft without changes and one that is not JSON", () => {
    const store = new MemoryStorage();
    saveDraft(store, "u1", "a1", { form: base, base, baseVersion: 3, savedAt: 1 });
    expect(loadDraft(store, "u1", "a1")).toBeNull();
    store.setItem("locking.draft.u1.a1", "{not json");
    expect(loadDraft(store, "u1", "a1")).toBeNull();
  });
});

describe("shouldRenew", () => {
  it("renews once a quarter of the lease has passed", () => {
    expect(shouldRenew(0, 74_999, 300_000)).toBe(false);
    expect(shouldRenew(0, 75_000, 300_000)).toBe(true);
  });
  it("never more than once a second, however short the lease", () => expect(shouldRenew(0, 999, 2_000)).toBe(false));
});

describe("caret positions", () => {
  it("counts lines and columns from one", () => {
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("", 0)).toEqual({ line: 1, column: 1 });
  });
  it("turns them back into an offset, clamped to the text", () => {
    expect(offsetOf("ab\ncd", 2, 2)).toBe(4);
    expect(offsetOf("ab", 9, 9)).toBe(2);
  });
});

describe("serverNow", () => {
  it("follows the largest offset seen, so older instants do not pull it back", () => {
    resetServerClock();
    observeServerTime("2030-01-01T00:01:00Z", Date.parse("2030-01-01T00:00:00Z"));
    observeServerTime("2030-01-01T00:00:10Z", Date.parse("2030-01-01T00:00:00Z"));
    expect(serverNow(Date.parse("2030-01-01T00:00:00Z"))).toBe(Date.parse("2030-01-01T00:01:00Z"));
    observeServerTime("garbage");
    expect(serverNow(0)).toBe(60_000);
    resetServerClock();
  });
});
