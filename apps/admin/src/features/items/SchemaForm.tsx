import type { FieldSpec } from '@thidua/workflow-core';
import { useI18n } from '../../i18n/i18n-context';
import { emptyEntry, localized, type FieldItemSpec } from './field-schema';
import { enumLabel } from './field-messages';

interface SchemaFormProps {
  fields: readonly FieldSpec[];
  values: Record<string, unknown>;
  onChange: (values: Record<string, unknown>) => void;
  /** Messages by path (`goals`, `models[0].name`). */
  errors: Record<string, string>;
  idPrefix: string;
  disabled?: boolean;
}

/** Inputs generated from a stage's field list; every input has a label, errors are linked with aria-describedby. */
export function SchemaForm({ fields, values, onChange, errors, idPrefix, disabled }: SchemaFormProps) {
  return (
    <div className="schema-form">
      {fields.map((f) => (
        <FieldInput
          key={f.name}
          name={f.name}
          spec={f}
          label={undefined}
          path={f.name}
          value={values[f.name]}
          onChange={(v) => onChange({ ...values, [f.name]: v })}
          errors={errors}
          idPrefix={idPrefix}
          disabled={disabled}
        />
      ))}
    </div>
  );
}

interface FieldInputProps {
  name: string;
  spec: FieldItemSpec;
  /** Overrides the spec's label (list entries). */
  label: string | undefined;
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: Record<string, string>;
  idPrefix: string;
  disabled?: boolean;
}

const LONG_TEXT = 200;

function FieldInput({ name, spec, label: labelOverride, path, value, onChange, errors, idPrefix, disabled }: FieldInputProps) {
  const { t, language } = useI18n();
  const id = `${idPrefix}-${path.replace(/[^\w-]/g, '_')}`;
  const label = labelOverride ?? localized(spec.label, language, name);
  const error = errors[path];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hint = hintFor(spec, t);
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: path,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': spec.required ? true : undefined,
  } as const;
  const labelText = (
    <>
      {label}
      {spec.required ? <span className="field__required"> ({t('items.form.required')})</span> : null}
    </>
  );
  const messages = (
    <>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </>
  );

  if (spec.type === 'array') {
    const list = Array.isArray(value) ? value : [];
    const items = spec.items;
    return (
      <fieldset className="field field--group" aria-describedby={describedBy}>
        <legend>{labelText}</legend>
        {list.length === 0 ? <p className="muted">{t('items.form.noEntries')}</p> : null}
        <ol className="field-list">
          {list.map((entry, i) => (
            <li key={i} className="field-list__entry">
              {items ? (
                <FieldInput
                  name={name}
                  spec={items}
                  label={t('items.form.entryLabel', { field: label, n: i + 1 })}
                  path={`${path}[${i}]`}
                  value={entry}
                  onChange={(v) => onChange(list.map((x, j) => (j === i ? v : x)))}
                  errors={errors}
                  idPrefix={idPrefix}
                  disabled={disabled}
                />
              ) : null}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  onChange(list.filter((_, j) => j !== i));
                  // The removed entry's button goes with it: keep the focus in the list, on its "add" button.
                  document.getElementById(`${id}-add`)?.focus();
                }}
                disabled={disabled}
              >
                {t('items.form.removeEntry', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          id={`${id}-add`}
          className="button button--secondary button--small"
          onClick={() => {
            onChange([...list, emptyEntry(items)]);
            // The new entry is filled next: its first field takes the focus once it is drawn.
            const entryId = `${idPrefix}-${`${path}[${list.length}]`.replace(/[^\w-]/g, '_')}`;
            requestAnimationFrame(() => document.querySelector<HTMLElement>(`[id^="${entryId}"]:is(input, select, textarea)`)?.focus());
          }}
          disabled={disabled}
        >
          {t('items.form.addEntry', { field: label })}
        </button>
        {messages}
      </fieldset>
    );
  }

  if (spec.type === 'object') {
    const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    return (
      <fieldset className="field field--group" aria-describedby={describedBy}>
        <legend>{labelText}</legend>
        {(spec.properties ?? []).map((p) => (
          <FieldInput
            key={p.name}
            name={p.name}
            spec={p}
            label={undefined}
            path={`${path}.${p.name}`}
            value={obj[p.name]}
            onChange={(v) => onChange({ ...obj, [p.name]: v })}
            errors={errors}
            idPrefix={idPrefix}
            disabled={disabled}
          />
        ))}
        {messages}
      </fieldset>
    );
  }

  if (spec.type === 'boolean') {
    return (
      <div className="field field--inline">
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{labelText}</label>
        {messages}
      </div>
    );
  }

  let control;
  const text = value === undefined || value === null ? '' : String(value);
  if (spec.type === 'enum') {
    control = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('items.form.choose')}</option>
        {(spec.values ?? []).map((v) => (
          <option key={String(v)} value={String(v)}>
            {enumLabel(name, v, t)}
          </option>
        ))}
      </select>
    );
  } else if (spec.type === 'number' || spec.type === 'integer') {
    control = (
      <input
        {...common}
        type="text"
        inputMode={spec.type === 'integer' ? 'numeric' : 'decimal'}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else if (spec.type === 'date') {
    control = <input {...common} type="date" value={text.slice(0, 10)} onChange={(e) => onChange(e.target.value)} />;
  } else if (spec.max !== undefined && spec.max <= LONG_TEXT) {
    control = <input {...common} type="text" maxLength={spec.max} value={text} onChange={(e) => onChange(e.target.value)} />;
  } else {
    control = <textarea {...common} rows={4} value={text} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>{labelText}</label>
      {control}
      {messages}
    </div>
  );
}

function hintFor(spec: FieldItemSpec, t: ReturnType<typeof useI18n>['t']): string | null {
  if (spec.type === 'string' && spec.max !== undefined) return t('items.form.maxLength', { max: spec.max });
  if ((spec.type === 'number' || spec.type === 'integer') && spec.min !== undefined && spec.max !== undefined) {
    return t('items.form.range', { min: spec.min, max: spec.max });
  }
  return null;
}
