import { useCallback, useEffect, useRef, useState } from "react";
import type { Lock } from "../api";
import { lineAndColumn, type FieldName } from "../editor";
import type { Live } from "../hub";
import { observeServerTime } from "../serverClock";
import type { RemoteCaret } from "./AppointmentFields";

interface CursorUpdate {
  appointmentId: string;
  userId: string;
  userName: string;
  position: { field?: string | null; line?: number | null; column?: number | null };
  at: string;
}

type Input = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * The holder's caret, both ways: the holder sends where it is (at most every 100 ms, the last
 * position always, and "nowhere" on leaving the form); everyone else is shown the holder's.
 */
export function useCaretSharing(live: Live, id: string, lock: Lock | null | undefined, me: string, holding: boolean) {
  const [cursors, setCursors] = useState<Record<string, CursorUpdate>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const next = useRef<object | null>(null);

  useEffect(() => live.on<CursorUpdate>("cursor-update", (e) => {
    if (e.appointmentId !== id) return;
    observeServerTime(e.at);
    setCursors((c) => ({ ...c, [e.userId]: e }));
  }), [live, id]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const send = useCallback((position: object) => {
    next.current = position;
    if (timer.current) return;
    const flush = () => {
      timer.current = undefined;
      if (next.current) live.send("cursor-position", id, next.current);
      next.current = null;
    };
    flush();
    timer.current = setTimeout(flush, 100);
  }, [live, id]);

  const onCaret = useCallback((field: FieldName, el: Input) => {
    if (!holding) return;
    const offset = "selectionStart" in el && typeof el.selectionStart === "number" ? el.selectionStart : el.value.length;
    send({ field, ...lineAndColumn(el.value, offset) });
  }, [holding, send]);

  /** Focus left a field: unless it went to another one of the form, the caret is nowhere. */
  const onLeave = useCallback((form: HTMLFormElement | null) => {
    if (!holding) return;
    setTimeout(() => {
      if (!form?.contains(document.activeElement)) send({ field: null });
    }, 0);
  }, [holding, send]);

  const remote: Partial<Record<FieldName, RemoteCaret>> = {};
  for (const c of Object.values(cursors)) {
    // Only the current holder's caret is shown: anyone else's, or a holder who left, is not.
    if (c.userId !== me && c.userId === lock?.lockedBy && c.position.field) {
      remote[c.position.field as FieldName] = { userName: c.userName, line: c.position.line ?? 1, column: c.position.column ?? 1 };
    }
  }
  return { remote, onCaret, onLeave };
}
