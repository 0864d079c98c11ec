import { useState } from 'react';
import type { ReactNode } from 'react';

/** Small labelled controls of the stage editor; each links its problems with aria-describedby / aria-invalid. */

interface BaseProps {
  id: string;
  label: string;
  /** Ids of the problem messages that concern this control. */
  problemIds?: readonly string[];
  isDisabled?: boolean;
  hint?: string;
}

function describedBy(id: string, problemIds: readonly string[] | undefined, hint: string | undefined, error?: string): string | undefined {
  const ids = [...(error ? [`${id}-error`] : []), ...(hint ? [`${id}-hint`] : []), ...(problemIds ?? [])];
  return ids.length ? ids.join(' ') : undefined;
}

export function TextInput({ id, label, value, onChange, problemIds, isDisabled, hint, lang }: BaseProps & { value: string; onChange: (v: string) => void; lang?: string }) {
  return (
    <div className="field wf-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        lang={lang}
        value={value}
        disabled={isDisabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problemIds?.length ? true : undefined}
        aria-describedby={describedBy(id, problemIds, hint)}
      />
      {hint ? (
        <p id={`${id}-hint`} className="wf-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** `error`: what is wrong with the value, in the user's language, shown under the field (the stage's problem list has the details). */
export function NumberInput({ id, label, value, onChange, problemIds, isDisabled, hint, error, min, max, step }: BaseProps & { value: number | undefined; onChange: (v: number | undefined) => void; min?: number; max?: number; step?: number; error?: string }) {
  // Half-typed numbers ("-" before "-2") read as "" to the browser: passed on, they emptied the field (and the model
  // filled it again) before the next key. While the browser holds such text the field shows it and the model waits.
  const [isHalfTyped, setHalfTyped] = useState(false);
  return (
    <div className="field wf-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={isHalfTyped ? '' : (value ?? '')}
        min={min}
        max={max}
        step={step}
        disabled={isDisabled}
        onChange={(e) => {
          const isBad = e.target.validity.badInput;
          setHalfTyped(isBad);
          if (!isBad) onChange(e.target.value === '' ? undefined : Number(e.target.value));
        }}
        onBlur={() => setHalfTyped(false)}
        aria-invalid={problemIds?.length || error ? true : undefined}
        aria-describedby={describedBy(id, problemIds, hint, error)}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="wf-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectInput({ id, label, value, onChange, options, problemIds, isDisabled, hint }: BaseProps & { value: string; onChange: (v: string) => void; options: readonly Option[] }) {
  return (
    <div className="field wf-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={isDisabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problemIds?.length ? true : undefined}
        aria-describedby={describedBy(id, problemIds, hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="wf-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxInput({ id, label, checked, onChange, isDisabled }: BaseProps & { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="field field--inline wf-field">
      <input id={id} type="checkbox" checked={checked} disabled={isDisabled} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="wf-fieldset">
      <legend>{legend}</legend>
      <div className="wf-fieldset__grid">{children}</div>
    </fieldset>
  );
}
