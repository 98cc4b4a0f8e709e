import { useRef, useState } from 'react';
import type { Input, Output } from '../../../../shared/api';
import type { Figure } from '../../../../shared/charts/types';
import { packSection } from '../../../../shared/exports/packSection';
import { useApi } from '../../api/ApiContext';
import { invokeOf } from '../../api/invokeOf';
import { useQuery } from '../../api/useQuery';
import { useSession } from '../../app/session';
import { Modal } from '../../components/Modal';
import { sharedValues } from '../library/sharedParameters';
import { packPng } from './chartImage';
import { ThresholdInput } from './ThresholdInput';
import { base64Blob, saveFile } from './saveFile';
import { assessmentSet, packOrder } from '../../../../shared/exports/assessmentSet';
import { PackPreview, type PreviewSection } from './PackPreview';

type Listed = Output<'analyses.list'>['analyses'][number];


/**
 * Builds a Word board pack: each chosen analysis is run with the header's area and period, charted here (the engine
 * has no browser), and sent with its chart to the engine, which writes the document. Charts are drawn at the size
 * they print (the text block's width, no type under 9 pt) at about 325 dpi, by the app's chart code (`drawPng`: a
 * component test, in jsdom, which cannot draw, passes its own).
 */
export function BoardPackDialog({ analyses, onClose, drawPng = packPng }: { analyses: readonly Listed[]; onClose: () => void; drawPng?: (figure: Figure) => Promise<string> }) {
  const api = useApi();
  const { ui } = useSession();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(assessmentSet(analyses)));
  // The header holds the area's code; the pack is titled with its name.
  const areas = useQuery('areas', () => api['areas.list']({}));
  const areaName = (areas.status === 'ready' ? areas.value.areas.find((a) => a.code === ui.area)?.name : undefined) ?? ui.area ?? '';
  const [edited, setTitle] = useState<string | null>(null);
  const title = edited ?? `${areaName || 'Area'} Community Safety Partnership: strategic assessment`;
  const [threshold, setThreshold] = useState(5);
  const [marking, setMarking] = useState('OFFICIAL');
  // The written pack, held for the preview until it is saved.
  const [built, setBuilt] = useState<{ fileName: string; base64: string; mimeType: string; sections: PreviewSection[] } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancelled = useRef(false);
  const busy = progress !== null;

  const toggle = (id: string) => setChosen((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const build = async () => {
    setError(null);
    setSaved(null);
    cancelled.current = false;
    const ordered = packOrder(analyses.filter((a) => chosen.has(a.id)));
    const sections: Input<'exports.boardPack'>['sections'] = [];
    const previews: PreviewSection[] = [];
    // The same step as the command line's board pack: run, prepare, build the figures, draw each as a PNG.
    const steps = { invoke: invokeOf(api), operationId: () => crypto.randomUUID(), suppression: { threshold }, drawPng };
    try {
      for (const [index, analysis] of ordered.entries()) {
        if (cancelled.current) throw new Error('Cancelled: no board pack was written.');
        const step = (verb: string) => setProgress(`${verb} ${analysis.title} (${index + 1} of ${ordered.length})…`);
        const made = await packSection({ ...steps, onStep: (s) => step(s === 'running' ? 'Running' : 'Drawing') }, analysis, sharedValues(analysis, ui));
        if (!made.ok) throw new Error(`${analysis.title}: ${made.error.message}`);
        const { section, prepared } = made.value;
        sections.push(section);
        previews.push({ prepared: prepared!, chart: section.chart!, chartPng: section.chartPng!, morePngs: (section.moreCharts ?? []).map((m) => m.chartPng) });
      }
      if (cancelled.current) throw new Error('Cancelled: no board pack was written.');
      setProgress('Writing the document…');
      const pack = await api['exports.boardPack']({ title, sections, suppression: { threshold }, marking: marking.trim() || 'OFFICIAL' });
      if (!pack.ok) throw new Error(pack.error.message);
      setProgress(null);
      setBuilt({ fileName: pack.value.fileName, base64: pack.value.base64, mimeType: pack.value.mimeType, sections: previews });
    } catch (failure) {
      setProgress(null);
      setError((failure as Error).message);
    }
  };

  const save = () => {
    if (!built) return;
    saveFile(built.fileName, base64Blob(built.base64, built.mimeType));
    setSaved(built.fileName);
  };

  if (built) {
    return (
      <Modal title="Board pack: preview" onClose={onClose}>
        <div className="board-pack">
          <p className="muted">
            {built.sections.length} sections, marked {marking.trim() || 'OFFICIAL'} on every page. Look through the pages before you send it; the key points have been checked against their tables.
          </p>
          <PackPreview title={title} marking={marking.trim() || 'OFFICIAL'} sections={built.sections} />
          {saved && (
            <p role="status">
              Saved as <b>{saved}</b>: in the folder you chose in the save dialog (the desktop app asks), or your browser&apos;s downloads folder.
            </p>
          )}
          <div className="button-row">
            <button type="button" onClick={save}>
              Save board pack
            </button>
            <button type="button" onClick={() => setBuilt(null)}>
              Back to the choices
            </button>
            <button type="button" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title="Board pack" onClose={busy ? () => (cancelled.current = true) : onClose}>
      <form
        aria-label="Board pack"
        className="board-pack"
        onSubmit={(e) => {
          e.preventDefault();
          void build();
        }}
      >
        <p className="muted">
          For {areaName || 'the default area'}, {ui.from && ui.to ? `${ui.from} to ${ui.to}` : 'the latest 12 months'}, as set in the header. Each analysis becomes a section with key points, chart, table, method and sources.
        </p>
        <label className="wide">
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </label>
        <fieldset>
          <legend>Sections</legend>
          <div className="button-row">
            <button type="button" onClick={() => setChosen(new Set(assessmentSet(analyses)))}>
              The assessment set
            </button>
            <button type="button" onClick={() => setChosen(new Set())}>
              None
            </button>
          </div>
          <ul className="pack-sections">
            {packOrder(analyses).map((a) => (
              <li key={a.id}>
                <label>
                  <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} /> {a.title}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <label className="wide">
          Protective marking (on every page)
          <input value={marking} onChange={(e) => setMarking(e.target.value)} maxLength={60} list="pack-markings" />
          <datalist id="pack-markings">
            <option value="OFFICIAL" />
            <option value="OFFICIAL-SENSITIVE" />
          </datalist>
        </label>
        <ThresholdInput value={threshold} onChange={setThreshold} />
        {progress && (
          <p role="status" className="muted">
            {progress}
          </p>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" disabled={busy || chosen.size === 0}>
            Build and preview board pack ({chosen.size})
          </button>
          {busy && (
            <button type="button" onClick={() => (cancelled.current = true)}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </Modal>
  );
}
