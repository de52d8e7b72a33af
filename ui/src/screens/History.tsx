import { useEffect, useState } from "react";
import type { Gender } from "../api";
import { genderLabels, labelOf, type FieldName } from "../editor";
import { history, type HistoryEntry } from "../lockApi";
import { formatDay, formatInstant } from "../time";

function shown(name: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "string") {
    if (name === "startTime" || name === "endTime") return formatInstant(value);
    if (name === "dateOfBirth") return formatDay(value);
    if (name === "gender") return genderLabels[value as Gender] ?? value;
  }
  return String(value);
}

/** Who saved what, newest first; read again whenever `refresh` changes (a save here or elsewhere). */
export function History({ id, refresh }: { id: string; refresh: number }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    history(id).then(
      (list) => current && (setEntries([...list].reverse()), setFailed(false)),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [id, refresh]);

  return (
    <section className="card history" aria-label="History">
      <h2>History</h2>
      {failed && <p className="error">The history could not be loaded.</p>}
      {entries?.length === 0 && <p className="muted">No changes saved yet.</p>}
      {entries && entries.length > 0 && (
        <ol>
          {entries.map((e) => (
            <li key={`${e.version}-${e.action}`}>
              <div><strong>{e.userName}</strong> {e.action} version {e.version} <span className="muted">· {formatInstant(e.at)}</span></div>
              {e.action !== "created" && Object.keys(e.changes ?? {}).length > 0 && (
                <ul className="changes">
                  {Object.entries(e.changes).map(([name, c]) => (
                    <li key={name}>{labelOf(name as FieldName)}: {shown(name, c.from)} → {shown(name, c.to)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
