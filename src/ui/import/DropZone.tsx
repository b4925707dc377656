import { useState, type DragEvent } from 'react';
import { useImportActions, useImportState } from '../LabContext';

export function DropZone() {
  const actions = useImportActions();
  const busy = useImportState((s) => s.busy !== null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) void actions.chooseFile(file);
  };
  return (
    <label
      data-testid="import-dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{ display: 'block', padding: '.8rem', border: `1px dashed ${over ? 'var(--accent)' : 'var(--line)'}`, borderRadius: 6, cursor: 'pointer' }}
    >
      Drop a CSV file here, or choose one:{' '}
      <input
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        data-testid="import-file"
        disabled={busy}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void actions.chooseFile(file);
        }}
      />
    </label>
  );
}
