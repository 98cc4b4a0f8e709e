import { useState } from 'react';
import { useApi } from '../../api/ApiContext';

/**
 * Saves a result as CSV through the browser's own download (a local blob: nothing leaves the machine). The engine
 * writes the text, with a byte-order mark so Excel reads it as UTF-8.
 */
export function DownloadCsvButton({ resultId, fileName, label = 'Download CSV' }: { resultId: string; fileName: string; label?: string }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setError(null);
    const result = await api['results.csv']({ resultId });
    if (!result.ok) return setError(result.error.message);
    const url = URL.createObjectURL(new Blob([result.value.csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <>
      <button type="button" className="link-button" onClick={() => void download()}>
        {label}
      </button>
      {error && (
        <span role="alert" className="error">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}
