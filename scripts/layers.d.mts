export interface LayerRow {
  folder: string;
  name: string;
  allowed: string[];
  typesOnly: string[];
}
export function readLayerTable(markdown: string): LayerRow[];
export function loadLayerTable(url?: URL): LayerRow[];
