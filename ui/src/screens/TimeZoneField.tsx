import { useMemo, useState } from "react";
import { browserTimeZone, isTimeZone, knownTimeZones } from "../zonedTime";

const storageKey = "locking.slots.timeZone";

/** The zone last chosen on this browser, else the browser's own. */
export function initialTimeZone(): string {
  const stored = localStorage.getItem(storageKey);
  return stored && isTimeZone(stored) ? stored : browserTimeZone();
}

/**
 * The time zone the screen shows and generates slots in. What is typed only takes effect once
 * it names a zone, so the week never flickers through half-typed names.
 */
export function TimeZoneField({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  const [text, setText] = useState(value);
  const zones = useMemo(knownTimeZones, []);
  const valid = isTimeZone(text.trim());

  function change(next: string) {
    setText(next);
    const zone = next.trim();
    if (isTimeZone(zone)) {
      localStorage.setItem(storageKey, zone);
      onChange(zone);
    }
  }

  return (
    <div className="zone-field">
      <label htmlFor="slots-zone">Time zone</label>
      <input id="slots-zone" list="slots-zones" autoComplete="off" spellCheck={false} value={text} aria-invalid={!valid}
        aria-describedby="slots-zone-help" onChange={(e) => change(e.target.value)} />
      <datalist id="slots-zones">
        {zones.map((z) => <option key={z} value={z} />)}
      </datalist>
      <p id="slots-zone-help" className={valid ? "hint" : "hint error"}>
        {valid ? `Times are shown and generated in ${value}.` : `Not a time zone name; still showing ${value}. Try one such as Europe/Berlin.`}
      </p>
    </div>
  );
}
