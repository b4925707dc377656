/**
 * Notebook document v1 (ARCHITECTURE.md), composed from the declarations: the cell kinds
 * (cells/*.decl.ts) and the models, sources, features, target and training (src/spec). The
 * document travels in files and links, so every object is strict: a typo in a field name is an
 * error with its path, not a silently ignored key.
 */
import { z } from 'zod';
import { CELL_DECLARATIONS } from './cells/declarations';
import { notebookSweepIssues } from './sweep/paths';

export {
  connectorSourceSchema,
  csvSourceSchema,
  dataSourceSchema,
  demoSourceSchema,
  featureSpecSchema,
  lstmSchema,
  modelSpecSchema as modelSchema,
  naiveSchema as naiveModelSchema,
  targetSchema,
  trainingSchema,
} from '../spec';
export type {
  ConnectorSourceSpec,
  CsvSourceSpec,
  DataSourceSpec,
  DemoSourceSpec,
  FeatureSpec,
  ModelSpec as ModelCellSpec,
  TargetCellSpec as TargetSpec,
  TrainingCellSpec,
} from '../spec';

const [firstCell, ...otherCells] = CELL_DECLARATIONS.map((c) => c.schema);

export const CELL_KINDS = CELL_DECLARATIONS.map((c) => c.kind);

export const cellSchema = z.discriminatedUnion('kind', [firstCell!, ...otherCells], {
  error: (issue) => (issue.code === 'invalid_union' ? `unknown cell kind; expected one of ${CELL_KINDS.join(', ')}` : undefined),
});

export const NOTEBOOK_SCHEMA_ID = 'crypto-forecast-lab/notebook';

export const notebookSchema = z
  .strictObject({
    schema: z.literal(NOTEBOOK_SCHEMA_ID).meta({ description: 'Marks the file as a Crypto Forecast Lab notebook.' }),
    version: z.literal(1).meta({ description: 'Document format version.' }),
    title: z.string().min(1).max(200).meta({ description: 'The notebook title.' }),
    seed: z.number().int().meta({ description: 'Seed of every fold (fold i uses seed + i): same seed, same numbers.' }),
    cells: z.array(cellSchema).min(1).max(100).meta({ description: 'The cells, run in order.' }),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.cells.forEach((cell, index) => {
      if (seen.has(cell.id)) ctx.addIssue({ code: 'custom', path: ['cells', index, 'id'], message: `duplicate cell id "${cell.id}"` });
      seen.add(cell.id);
    });
    for (const issue of notebookSweepIssues(doc)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .meta({ title: 'Notebook', description: 'A Crypto Forecast Lab notebook: typed cells, data only, never code.' });

export type NotebookDoc = z.output<typeof notebookSchema>;
export type NotebookInput = z.input<typeof notebookSchema>;
export type Cell = NotebookDoc['cells'][number];
export type CellKind = Cell['kind'];
export type CellOf<K extends CellKind> = Extract<Cell, { kind: K }>;
