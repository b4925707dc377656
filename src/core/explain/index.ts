/** Attribution math (pure): group Shapley values (exact, Kernel SHAP), permutation importance, summaries, sentences. */
export { attributionGroups, groupOfCell, type AttributionGroup, type Grouping } from './groups';
export { drawBackground, pickRows, sampleRows, type WindowBlock } from './background';
export { backgroundBase, coalitionValues, DEFAULT_BATCH_FLOATS, type BatchPredict } from './coalitionValues';
export { exactShapley, MAX_EXACT_GROUPS, shapleyWeights } from './exactShapley';
export { kernelShap, sampleCoalitionPairs } from './kernelShap';
export type { Background } from './masking';
export { meanSquaredError, permutationImportance, type Loss, type PermutationResult } from './permutation';
export { kernelCoalitionCount, usesExact, windowShapley, type ShapleyOptions, type WindowShapley } from './shapley';
export { additivityError, globalImportance, type ExplainedWindow, type GlobalImportance } from './summary';
export { describeOutput, explanationSentence, formatValue, waterfallSteps, waterfallText, type ExplainedOutput, type WaterfallStep, type WindowAttribution } from './sentence';
export { cellSpans, heatmapCells, heatmapColumns, type GroupSpan, type HeatCell } from './heatmap';
export { backgroundMean, integratedGradients, IG_DEFAULT_MAX_STEPS, IG_DEFAULT_TOLERANCE, type IntegratedGradientsResult } from './integratedGradients';
