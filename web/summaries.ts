// Plots of a dropped report, redrawn from its rows by the scenarios of this very build (a
// scenario's summarize is a pure function of its rows). Loaded on demand: the scenario list and
// the report's plotting code are not part of the page until a report is dropped.
import type { ReportSection } from './report.ts';

/**
 * Fill in the plots (and checks, when the file has none) of sections that only have rows.
 * @param sections as read by readReport
 * @returns the same sections, completed, each with a note where nothing could be drawn
 */
export async function withSummaries(sections: ReportSection[]): Promise<ReportSection[]> {
  if (sections.every((s) => s.plots.length > 0 || s.rows.length === 0)) return sections;
  const { scenarios } = await import('../src/experiments/scenarios/index.ts');
  return sections.map((s) => {
    if (s.plots.length > 0 || s.rows.length === 0) return s;
    const scenario = scenarios.find((x) => x.id === s.id);
    if (scenario === undefined) {
      return { ...s, note: `scenario ${s.id} is not in this build of deeplin: no plots` };
    }
    try {
      const summary = scenario.summarize(s.rows);
      return {
        ...s, plots: summary.plots, tables: summary.tables,
        checks: s.checks.length > 0 ? s.checks : summary.checks,
      };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      return { ...s, note: `${s.id}.summarize failed on these rows: ${e.name}: ${e.message}` };
    }
  });
}
