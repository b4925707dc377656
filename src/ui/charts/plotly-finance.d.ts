// The finance partial bundle has plotly's API (scatter, bar, candlestick, histogram, ...): the plotly.js types.
declare module 'plotly.js-finance-dist-min' {
  import * as Plotly from 'plotly.js';
  export = Plotly;
}
