import { htmlReportFile } from '../../state/htmlReportFile';
import { useLabState } from '../LabContext';
import { downloadTextFile } from '../library/download';

/** Writes the shown run as one HTML file that opens offline (no script, static SVG charts). */
export function DownloadReport() {
  const result = useLabState((s) => s.result);
  const doc = useLabState((s) => s.doc);
  if (!result) return null;
  const download = () => {
    const file = htmlReportFile({ result, doc });
    if (file) downloadTextFile(file.fileName, file.text, 'text/html');
  };
  return (
    <button type="button" data-testid="download-report" onClick={download} title="One HTML file with the metrics, tearsheet and charts; opens offline">
      Download report
    </button>
  );
}
