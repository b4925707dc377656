import { buildHtmlReport, htmlReportFileName } from '../notebook/htmlReport/htmlReport';
import type { LabState } from './labState';

/** The shown run as a standalone HTML file (Download report), or null when nothing has run. */
export function htmlReportFile(state: Pick<LabState, 'result' | 'doc'>): { fileName: string; text: string } | null {
  if (!state.result) return null;
  const { report, series } = state.result;
  return { fileName: htmlReportFileName(report.title), text: buildHtmlReport({ report, series, notebook: state.doc }) };
}
