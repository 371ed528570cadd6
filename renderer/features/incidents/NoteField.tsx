// A labelled free-text box for notes and reasons; what is typed is only ever rendered as text.
import { useId } from 'react';

export function NoteField({
  label,
  value,
  onChange,
  testId,
  error,
  rows = 3,
  maxLength = 10_000,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  error?: string | null;
  rows?: number;
  maxLength?: number;
}) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="input incident-textarea"
        rows={rows}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
