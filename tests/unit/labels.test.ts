import { describe, expect, it } from 'vitest';
import { analyses } from '../../shared/analyses/registry';
import { hasLabels, labelOf, withParameters } from '../../shared/format/labels';

describe('words for codes', () => {
  it('reads codes the way people say them, scoped by where they appear', () => {
    expect(labelOf('flag', 'vawg')).toBe('Violence against women and girls');
    expect(labelOf('sex', 'F')).toBe('Female');
    expect(labelOf('role', 'victim')).toBe('Victims');
    expect(labelOf('measure_kind', 'incident_high_risk')).toBe('High-risk incidents of a type');
    expect(labelOf('per', 1000)).toBe('per 1,000 residents');
    // The data's own words are left alone.
    expect(labelOf('offence_group', 'Burglary')).toBe('Burglary');
    expect(labelOf('flag', 'something new')).toBe('something new');
    // A month reads as people write it in a table or on a chart, not as "2019-03".
    expect(labelOf('month', '2019-03')).toBe('Mar 2019');
    expect(labelOf('month', '2018-04-01')).toBe('Apr 2018');
    expect(labelOf('month', 'not a month')).toBe('not a month');
  });

  it('names in a label the value a parameter was run with, and leaves out one not given', () => {
    expect(withParameters('% flagged {flag}', { flag: 'domestic' })).toBe('% flagged domestic abuse');
    expect(withParameters('% flagged {flag}', { flag: 'vawg' })).toBe('% flagged violence against women and girls');
    expect(withParameters('% flagged {flag}', {})).toBe('% flagged');
    expect(withParameters('Crimes per 1,000 residents')).toBe('Crimes per 1,000 residents');
    // Every library label naming a parameter names one the analysis takes.
    for (const analysis of analyses) {
      for (const text of [analysis.chart.x_label, analysis.chart.y_label]) {
        for (const [, name] of (text ?? '').matchAll(/\{([a-z_]+)\}/g)) expect(analysis.parameters.map((p) => p.name), `${analysis.id}: {${name}}`).toContain(name);
      }
    }
  });

  it('has words for every choice a library form offers that is a code, not a plain word', () => {
    for (const analysis of analyses) {
      for (const p of analysis.parameters) {
        if (!p.choices || !hasLabels(p.name)) continue;
        for (const choice of p.choices) expect(labelOf(p.name, choice), `${analysis.id} ${p.name} ${choice}`).not.toBe(String(choice));
      }
    }
    const coded = analyses.flatMap((a) => a.parameters.filter((p) => p.choices?.some((c) => typeof c === 'string' && /_|^[a-z]+$/.test(c))).map((p) => p.name));
    for (const name of coded) expect(hasLabels(name), name).toBe(true);
  });
});
