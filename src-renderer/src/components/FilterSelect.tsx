import type { LabelledOption } from '../lib/labels';

export interface FilterSelectProps<V extends string> {
  /** The visible label; it names the `<select>` (the `<label>` wraps it). */
  label: string;
  testId: string;
  /** The choices in order; a filter that can be off starts with `anyOption` (the empty value). */
  options: readonly LabelledOption<V>[];
  value: V;
  onChange: (value: V) => void;
  disabled?: boolean;
  /** The select's tooltip, e.g. why it is disabled. */
  title?: string;
  /** The id of visible text that explains the select (e.g. why it is disabled). */
  describedBy?: string;
}

/** One labelled `<select>` of a filter bar (or form): a choice among `options`. */
export function FilterSelect<V extends string>({
  label,
  testId,
  options,
  value,
  onChange,
  disabled,
  title,
  describedBy,
}: FilterSelectProps<V>) {
  return (
    <label className="field">
      <span>{label}</span>
      <select
        disabled={disabled}
        title={title}
        aria-describedby={describedBy}
        value={value}
        onChange={(event) => onChange(event.target.value as V)}
        data-testid={testId}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
