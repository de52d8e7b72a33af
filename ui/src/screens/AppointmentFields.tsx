import { useLayoutEffect, useRef, useState, type RefObject, type SyntheticEvent } from "react";
import type { Gender } from "../api";
import { fields, genderLabels, offsetOf, type EditorForm, type FieldName, type FieldSpec } from "../editor";

/** Where someone else's caret is, shown in the field it is in. */
export interface RemoteCaret {
  userName: string;
  line: number;
  column: number;
}

type Input = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface Props {
  form: EditorForm;
  onChange: (name: FieldName, value: string) => void;
  readOnly?: boolean;
  remote?: Partial<Record<FieldName, RemoteCaret>>;
  /** The caret moved or the field got focus: for cursor sharing and lease renewal. */
  onCaret?: (name: FieldName, element: Input) => void;
}

/** One labelled input per appointment field: the same form for creating and for editing. */
export function AppointmentFields({ form, onChange, readOnly = false, remote = {}, onCaret }: Props) {
  return (
    <>
      {fields.map((spec) => (
        <Field key={spec.name} spec={spec} value={form[spec.name]} onChange={onChange} readOnly={readOnly} remote={remote[spec.name]} onCaret={onCaret} />
      ))}
    </>
  );
}

function Field({ spec, value, onChange, readOnly, remote, onCaret }: {
  spec: FieldSpec; value: string; onChange: Props["onChange"]; readOnly: boolean; remote?: RemoteCaret; onCaret?: Props["onCaret"];
}) {
  const ref = useRef<Input>(null);
  const caret = (e: SyntheticEvent<Input>) => onCaret?.(spec.name, e.currentTarget);
  const common = {
    id: spec.name,
    value,
    required: spec.required,
    maxLength: spec.maxLength,
    readOnly,
    onFocus: caret,
    onSelect: caret,
    onKeyUp: caret,
    onClick: caret,
    "aria-describedby": remote ? `${spec.name}-remote` : undefined,
    onChange: (e: { target: { value: string } }) => onChange(spec.name, e.target.value),
  };
  let input;
  switch (spec.kind) {
    case "gender":
      // Read-only, a select would have to be disabled and so out of the keyboard's reach.
      input = readOnly ? <input {...common} ref={ref as RefObject<HTMLInputElement>} value={genderLabels[value as Gender] ?? value} /> : (
        <select {...common} ref={ref as RefObject<HTMLSelectElement>}>
          {Object.entries(genderLabels).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
        </select>
      );
      break;
    case "textarea":
      input = <textarea {...common} ref={ref as RefObject<HTMLTextAreaElement>} rows={3} />;
      break;
    default:
      input = (
        <input {...common} ref={ref as RefObject<HTMLInputElement>}
          type={spec.kind === "datetime" ? "datetime-local" : spec.kind === "date" ? "date" : spec.kind === "tel" ? "tel" : "text"} />
      );
  }
  return (
    <div className={`field${spec.wide ? " span2" : ""}${remote ? " has-remote" : ""}`}>
      <div className="label-row">
        <label htmlFor={spec.name}>{spec.label}</label>
        {remote && <span className="remote-tag" id={`${spec.name}-remote`} data-testid={`remote-${spec.name}`}>{remote.userName} is here</span>}
      </div>
      <div className="input-wrap">
        {input}
        {remote && <Caret target={ref} value={value} caret={remote} />}
      </div>
    </div>
  );
}

let measure: CanvasRenderingContext2D | null = null;

/** A thin bar where the remote caret is: the text before it measured in the input's own font. */
function Caret({ target, value, caret }: { target: RefObject<Input | null>; value: string; caret: RemoteCaret }) {
  const [at, setAt] = useState<{ left: number; top: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = target.current;
    if (!el || el instanceof HTMLSelectElement) {
      setAt(null);
      return;
    }
    const style = getComputedStyle(el);
    measure ??= document.createElement("canvas").getContext("2d");
    if (!measure) return;
    measure.font = style.font;
    const offset = offsetOf(value, caret.line, caret.column);
    const lines = value.slice(0, offset).split("\n");
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
    const left = parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth) + measure.measureText(lines[lines.length - 1]).width - el.scrollLeft;
    const top = parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth) + (lines.length - 1) * lineHeight - el.scrollTop;
    setAt({ left: Math.min(left, el.clientWidth), top, height: lineHeight });
  }, [target, value, caret.line, caret.column]);
  if (!at) return null;
  return <span className="remote-caret" aria-hidden="true" data-testid="remote-caret" style={{ left: at.left, top: at.top, height: at.height }} />;
}
