/**
 * One filter of a list toolbar: a labelled select over some values with an "all" option first
 * (the alarm and case lists).
 */
export function FilterSelect<V extends string>({
  label,
  value,
  values,
  name,
  onChange,
  allLabel,
  testId,
}: {
  label: string;
  /** The value chosen; undefined or '' for all. */
  value: V | '' | undefined;
  values: readonly V[];
  name: (v: V) => string;
  /** The value chosen, undefined for all. */
  onChange: (v: V | undefined) => void;
  allLabel: string;
  testId?: string;
}) {
  return (
    <label>
      {label}
      <select
        value={value ?? ''}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value === '' ? undefined : (e.target.value as V))}
      >
        <option value="">{allLabel}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {name(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
