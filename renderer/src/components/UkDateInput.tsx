import { useEffect, useState } from 'react';
import { parseUkDate, shortDate } from '../../../shared/format/dates';

interface Props {
  /** ISO date (`2018-04-01`), or empty for none. */
  value: string;
  /** Called with the ISO date when the text is a real date, or '' when it is cleared. */
  onChange: (iso: string) => void;
  'aria-label': string;
  id?: string;
  className?: string;
  title?: string;
}

/**
 * A date typed day first, the UK way, whatever the browser's or the machine's locale (the browser's own date input
 * follows the locale and shows mm/dd/yyyy on a US-English system), and one Tab stop instead of the native input's
 * three or four. The text is the user's while they type; it is read when they leave the box or press Enter, and a
 * date that is not real (31/02/2019, or month-first 04/13/2018) is said so beside the box, never guessed.
 */
export function UkDateInput({ value, onChange, id, className, title, 'aria-label': label }: Props) {
  const [text, setText] = useState(value ? shortDate(value) : '');
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(value ? shortDate(value) : '');
    setInvalid(false);
  }, [value]);
  const commit = () => {
    if (text.trim() === '') {
      setInvalid(false);
      if (value !== '') onChange('');
      return;
    }
    const iso = parseUkDate(text);
    setInvalid(iso === null);
    if (iso !== null) {
      setText(shortDate(iso));
      if (iso !== value) onChange(iso);
    }
  };
  const errorId = id ? `${id}-error` : undefined;
  return (
    <span className={['uk-date', className].filter(Boolean).join(' ')}>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        size={10}
        aria-label={label}
        title={title}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // A whole date with a four-digit year is taken as typed; a shorter one (1/4/18) when the box is left.
          const iso = /\d{4}/.test(e.target.value) ? parseUkDate(e.target.value) : null;
          if (iso !== null) {
            setInvalid(false);
            if (iso !== value) onChange(iso);
          }
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {invalid && (
        <span id={errorId} role="alert" className="error small">
          Not a date: use dd/mm/yyyy
        </span>
      )}
    </span>
  );
}
