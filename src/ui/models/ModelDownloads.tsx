import { useEffect, useMemo } from 'react';
import { useModelsState } from './context';

/** Links to the files of the last export (tfjs model.json + weights.bin, and our meta.json). */
export function ModelDownloads() {
  const exported = useModelsState((s) => s.exported);
  const links = useMemo(() => exported?.files.map((f) => ({ name: f.name, url: URL.createObjectURL(f.blob) })) ?? [], [exported]);
  useEffect(() => () => links.forEach((l) => URL.revokeObjectURL(l.url)), [links]);
  if (!exported) return null;
  return (
    <p data-testid="models-downloads">
      Download:{' '}
      {links.map((l) => (
        <a key={l.name} href={l.url} download={l.name} data-testid={`models-download-${l.name}`} style={{ marginRight: '.6rem' }}>
          {l.name}
        </a>
      ))}
      <span className="muted">(load model.json + weights.bin with tf.loadLayersModel; meta.json holds the scaling and features)</span>
    </p>
  );
}
