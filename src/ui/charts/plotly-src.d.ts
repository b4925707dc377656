// plotly.js's source modules, imported only to evaluate them ahead of `plotly.js/lib/core` (plotlyBundle.ts).
declare module 'plotly.js/src/*';
declare module '@plotly/d3';
