import type { InputHTMLAttributes, ReactNode } from 'react';

/** What every labelled field takes besides its control's own attributes. */
interface Labelled {
  label: ReactNode;
  /** The server's or the form's complaint about this field, shown under it. */
  error?: string | undefined;
  /** Takes the room left in a row of fields (`.grow`). */
  grow?: boolean;
  /** Says the error aloud as it appears (`role="alert"`): for forms checked all at once on submit. */
  announceError?: boolean;
}

/**
 * An input inside its label, the way every form of the workbench writes it,
 * so that assistive technology and the browser tests (`getByLabel`) find it
 * by its words. The other attributes go to the input.
 *
 * @example <Field label="Office" value={office} onChange={(e) => setOffice(e.target.value)} size={10} />
 */
export function Field({
  label,
  error,
  grow,
  announceError,
  ...input
}: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={grow ? 'grow' : undefined}>
      {label}
      <input {...input} />
      {error ? (
        <span className="field-error" role={announceError ? 'alert' : undefined}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** A choice in a `SelectField`: a value shown as itself, or a value with the words shown for it. */
export type Choice = string | { value: string; label: ReactNode };

/**
 * A select inside its label. `any` adds a first, empty choice with those
 * words (a filter that is not set).
 *
 * @example <SelectField label="Lane" value={lane} onChange={setLane} any="any" choices={LANES} />
 */
export function SelectField({
  label,
  value,
  onChange,
  choices,
  any,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  any?: string;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {any === undefined ? null : <option value="">{any}</option>}
        {choices.map((c) =>
          typeof c === 'string' ? (
            <option key={c} value={c}>
              {c}
            </option>
          ) : (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ),
        )}
      </select>
    </label>
  );
}

/**
 * Two date inputs, "From … to …", for a period given as `YYYY-MM-DD` days.
 *
 * @example <DateRange from={f.from} to={f.to} onChange={set} fromLabel="Lodged from" />
 */
export function DateRange({
  from,
  to,
  onChange,
  fromLabel = 'From',
  required,
}: {
  from: string;
  to: string;
  onChange: (bound: 'from' | 'to', day: string) => void;
  fromLabel?: string;
  required?: boolean;
}) {
  return (
    <>
      <Field
        label={fromLabel}
        type="date"
        value={from}
        onChange={(e) => onChange('from', e.target.value)}
        required={required}
      />
      <Field
        label="to"
        type="date"
        value={to}
        onChange={(e) => onChange('to', e.target.value)}
        required={required}
      />
    </>
  );
}
