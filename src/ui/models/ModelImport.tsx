import type { ModelFile } from '../../state/modelsState';

/** A file picker for exported model files; hands them on as named blobs. */
export function ModelImport({ disabled, onFiles }: { disabled: boolean; onFiles: (files: ModelFile[]) => void }) {
  return (
    <label className="button-like">
      Import model files{' '}
      <input
        type="file"
        multiple
        accept=".json,.bin"
        data-testid="models-import"
        disabled={disabled}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? [], (file) => ({ name: file.name, blob: file }));
          e.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </label>
  );
}
