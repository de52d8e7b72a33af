import { useEffect, useId, useRef, type ReactNode } from "react";

interface Props {
  title: string;
  children: ReactNode;
  confirm: string;
  cancel: string;
  /** The refusal, in a sentence, when the confirmed action failed. */
  error: string | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question (native dialog: focus stays inside, Escape cancels, focus returns afterwards). Focus starts on the safe answer. */
export function ConfirmDialog({ title, children, confirm, cancel, error, busy, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div role="alert" className="error">{error}</div>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onCancel}>{cancel}</button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>{confirm}</button>
      </div>
    </dialog>
  );
}
