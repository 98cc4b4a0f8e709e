import { autocompletion } from '@codemirror/autocomplete';
import { sql, StandardSQL } from '@codemirror/lang-sql';
import { Compartment, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

/** Marks where DuckDB says the error is; cleared by the next edit. */
const setError = StateEffect.define<{ from: number; to: number } | null>();
const errorMark = Decoration.mark({ class: 'cm-sql-error', attributes: { title: 'DuckDB reports the error here' } });
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) if (effect.is(setError)) return effect.value ? Decoration.set([errorMark.range(effect.value.from, effect.value.to)]) : Decoration.none;
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

interface Props {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  /** Table → column names, for completion. */
  schema: Record<string, string[]>;
  /** Where DuckDB reported the error, or null; a new object each run, so the same place is marked again. */
  errorAt: { offset: number } | null;
}

/** CodeMirror 6 with SQL highlighting, completion of the workspace's tables and columns, and Ctrl/Cmd+Enter to run. */
export function SqlEditor({ value, onChange, onRun, schema, errorAt }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest callbacks, read by the editor's handlers without re-creating the editor on every render.
  const latest = useRef({ onChange, onRun });
  useEffect(() => {
    latest.current = { onChange, onRun };
  });

  // The language (and so completion) is reconfigured when the schema arrives, without losing what was typed.
  const language = useRef(new Compartment());
  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: StandardSQL, schema, upperCaseKeywords: true })) });
  }, [schema]);

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([{ key: 'Mod-Enter', run: () => (latest.current.onRun(), true) }]),
          basicSetup,
          language.current.of(sql({ dialect: StandardSQL, schema, upperCaseKeywords: true })),
          autocompletion({ activateOnTyping: true }),
          errorField,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'SQL query', 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is created once; from then on CodeMirror owns the document.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (errorAt === null) {
      editor.dispatch({ effects: setError.of(null) });
      return;
    }
    const at = Math.min(errorAt.offset, editor.state.doc.length);
    const line = editor.state.doc.lineAt(at);
    // The token DuckDB points at, up to the next space or punctuation, so there is always something to see.
    const tokenEnd = /^[\w."]+/.exec(editor.state.doc.sliceString(at, line.to))?.[0].length ?? 0;
    const to = Math.max(Math.min(line.to, at + tokenEnd), Math.min(line.to, at + 1));
    editor.dispatch({ effects: setError.of(to > at ? { from: at, to } : null), selection: { anchor: at }, scrollIntoView: true });
    editor.focus();
  }, [errorAt]);

  return <div className="sql-editor" ref={host} />;
}
