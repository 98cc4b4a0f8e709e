/** "Hide counts below": the small-number suppression threshold for an export, a whole number from 0 (off) to 100. */
export function ThresholdInput({ value, onChange }: { value: number; onChange: (threshold: number) => void }) {
  return (
    <label>
      Hide counts below
      <input type="number" min={0} max={100} value={value} onChange={(e) => onChange(Math.max(0, Math.min(100, Math.round(Number(e.target.value) || 0))))} />
    </label>
  );
}
